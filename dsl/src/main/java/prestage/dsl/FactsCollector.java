package prestage.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.syntax.Types;

/**
 * Reads a recipe's {@link RecipeFacts} from its syntax tree while it compiles, and refuses what a recipe may not
 * do: {@code System.exit} and {@code Runtime.halt} (they would end prestage before its summary). The facts are
 * read, not run: nothing here evaluates the recipe's code.
 */
final class FactsCollector extends CompilationCustomizer {
    private final String fileName;
    private final String text;
    private RecipeFacts facts;

    FactsCollector(String fileName, String text) {
        super(CompilePhase.CONVERSION);
        this.fileName = fileName;
        this.text = text;
    }

    RecipeFacts facts() {
        return facts;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (facts != null) return; // one walk of the whole module, on its first class
        var walker = new Walker(source);
        for (ClassNode c : source.getAST().getClasses()) walker.visitClass(c);
        facts = walker.finish();
    }

    private final class Walker extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private String description;
        private final List<RecipeFacts.Declared> declared = new ArrayList<>();
        private final List<RecipeFacts.Read> reads = new ArrayList<>();
        private final Set<String> tested = new LinkedHashSet<>();
        private final List<RecipeFacts.Call> calls = new ArrayList<>();
        private final List<RecipeFacts.Include> includes = new ArrayList<>();
        private final Map<String, Arg> initializers = new HashMap<>();
        private final Set<String> ambiguous = new HashSet<>();
        private final Set<Statement> topLevel = new HashSet<>();

        Walker(SourceUnit source) {
            this.source = source;
            source.getAST().getStatementBlock().getStatements().forEach(topLevel::add);
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        private void refuse(ASTNode where, String message) {
            source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(
                    new SyntaxException(message, where.getLineNumber(), where.getColumnNumber()), source));
        }

        @Override
        public void visitMethod(MethodNode node) {
            for (Parameter p : node.getParameters()) ambiguous.add(p.getName());
            super.visitMethod(node);
        }

        @Override
        public void visitClosureExpression(ClosureExpression expression) {
            if (expression.getParameters() != null) for (Parameter p : expression.getParameters()) ambiguous.add(p.getName());
            super.visitClosureExpression(expression);
        }

        @Override
        public void visitExpressionStatement(ExpressionStatement statement) {
            if (statement.getExpression() instanceof MethodCallExpression call && call.isImplicitThis()
                    && (call.getMethodAsString() != null) && (call.getMethodAsString().equals("param") || call.getMethodAsString().equals("description"))) {
                if (!topLevel.contains(statement)) {
                    refuse(call, call.getMethodAsString() + " declarations go at the top of the recipe, outside blocks and methods");
                } else {
                    declaration(call);
                }
                return;
            }
            super.visitExpressionStatement(statement);
        }

        private void declaration(MethodCallExpression call) {
            var named = new LinkedHashMap<String, Expression>();
            var positional = new ArrayList<Expression>();
            split(call.getArguments(), named, positional);
            var texts = new ArrayList<String>();
            for (Expression e : positional) {
                if (!(e instanceof ConstantExpression c) || !(c.getValue() instanceof String s)) {
                    refuse(e, call.getMethodAsString() + ": give quoted text; declarations are read before the recipe runs");
                    return;
                }
                texts.add(s);
            }
            if (call.getMethodAsString().equals("description")) {
                if (texts.size() != 1 || !named.isEmpty()) {
                    refuse(call, "description takes one line of text: description 'what this recipe does'");
                } else {
                    description = texts.get(0);
                }
                return;
            }
            if (texts.isEmpty() || texts.size() > 2) {
                refuse(call, "param takes a name and a description: param 'source', 'the folder with the images', default: 'x'");
                return;
            }
            String fallback = null;
            Boolean required = null;
            for (var e : named.entrySet()) {
                Object value = e.getValue() instanceof ConstantExpression c ? c.getValue() : e.getValue();
                switch (e.getKey()) {
                    case "default" -> {
                        if (!(e.getValue() instanceof ConstantExpression)) {
                            refuse(e.getValue(), "param '" + texts.get(0) + "': default: takes a literal value; declarations are read before the recipe runs");
                            return;
                        }
                        fallback = String.valueOf(value);
                    }
                    case "required" -> {
                        if (!(value instanceof Boolean b)) {
                            refuse(e.getValue(), "param '" + texts.get(0) + "': required: takes true or false");
                            return;
                        }
                        required = b;
                    }
                    default -> {
                        refuse(e.getValue(), "param '" + texts.get(0) + "': unknown option '" + e.getKey() + "'; it takes default: and required:");
                        return;
                    }
                }
            }
            if (fallback != null && Boolean.TRUE.equals(required)) {
                refuse(call, "param '" + texts.get(0) + "' has a default, so it cannot be required");
                return;
            }
            String name = texts.get(0);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                refuse(call, "param '" + Invisible.show(name) + "': a name is letters, digits, _ . and -");
                return;
            }
            if (declared.stream().anyMatch(d -> d.name().equals(name))) {
                refuse(call, "param '" + name + "' is declared twice");
                return;
            }
            declared.add(new RecipeFacts.Declared(name, texts.size() > 1 ? texts.get(1) : "", fallback,
                    required != null ? required : fallback == null, call.getLineNumber()));
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression expression) {
            if (expression.getLeftExpression() instanceof VariableExpression v) {
                if (initializers.containsKey(v.getName())) ambiguous.add(v.getName());
                initializers.put(v.getName(), arg(expression.getRightExpression()));
            } else {
                expression.getTupleExpression().getExpressions().forEach(e -> {
                    if (e instanceof VariableExpression v) ambiguous.add(v.getName());
                });
            }
            expression.getRightExpression().visit(this);
        }

        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            int op = expression.getOperation().getType();
            if (Types.isAssignment(op) && expression.getLeftExpression() instanceof VariableExpression v) ambiguous.add(v.getName());
            if (op == Types.LEFT_SQUARE_BRACKET && isParams(expression.getLeftExpression())
                    && expression.getRightExpression() instanceof ConstantExpression c && c.getValue() instanceof String name) {
                reads.add(new RecipeFacts.Read(name, expression.getLineNumber(), false));
            }
            super.visitBinaryExpression(expression);
        }

        @Override
        public void visitPostfixExpression(PostfixExpression expression) {
            if (expression.getExpression() instanceof VariableExpression v) ambiguous.add(v.getName());
            super.visitPostfixExpression(expression);
        }

        @Override
        public void visitPrefixExpression(PrefixExpression expression) {
            if (expression.getExpression() instanceof VariableExpression v) ambiguous.add(v.getName());
            super.visitPrefixExpression(expression);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression expression) {
            if (isParams(expression.getObjectExpression()) && expression.getPropertyAsString() != null) {
                reads.add(new RecipeFacts.Read(expression.getPropertyAsString(), expression.getLineNumber(), false));
            }
            super.visitPropertyExpression(expression);
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression expression) {
            String method = expression.getMethodName() instanceof ConstantExpression c ? String.valueOf(c.getValue()) : "";
            exitCheck(expression, expression.getExpression(), method);
            super.visitMethodPointerExpression(expression);
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            exitCheck(call, new VariableExpression(call.getOwnerType().getName()), call.getMethod());
            super.visitStaticMethodCallExpression(call);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String method = call.getMethodAsString();
            Expression receiver = call.getObjectExpression();
            if (method != null) {
                exitCheck(call, receiver, method);
                if (isParams(receiver)) paramsCall(call, method);
                if (call.isImplicitThis() && Grammar.isVerb(method)) record(method, call);
                if (receiver instanceof VariableExpression v && Grammar.isMember(v.getName(), method)) record(v.getName() + "." + method, call);
            }
            super.visitMethodCallExpression(call);
        }

        private void paramsCall(MethodCallExpression call, String method) {
            var named = new LinkedHashMap<String, Expression>();
            var args = new ArrayList<Expression>();
            split(call.getArguments(), named, args);
            if (args.isEmpty() || !(args.get(0) instanceof ConstantExpression c) || !(c.getValue() instanceof String name)) return;
            if (method.equals("has")) tested.add(name);
            if (method.equals("get")) reads.add(new RecipeFacts.Read(name, call.getLineNumber(), args.size() > 1));
        }

        private void record(String verb, MethodCallExpression call) {
            var named = new LinkedHashMap<String, Expression>();
            var positional = new ArrayList<Expression>();
            split(call.getArguments(), named, positional);
            var namedArgs = new LinkedHashMap<String, Arg>();
            named.forEach((k, v) -> namedArgs.put(k, arg(v)));
            var positionalArgs = positional.stream().filter(e -> !(e instanceof ClosureExpression)).map(this::arg).toList();
            if (verb.equals("include")) {
                includes.add(new RecipeFacts.Include(positionalArgs.isEmpty() ? new Arg.Unknown() : positionalArgs.get(0), call.getLineNumber()));
            }
            calls.add(new RecipeFacts.Call(verb, call.getLineNumber(), namedArgs, positionalArgs));
        }

        /** {@code System.exit}, {@code Runtime.getRuntime().halt}, {@code Runtime.runtime.exit} and their method pointers. */
        private void exitCheck(ASTNode where, Expression receiver, String method) {
            String owner = receiver.getText();
            boolean system = (owner.equals("System") || owner.equals("java.lang.System")) && method.equals("exit");
            boolean runtime = (method.equals("exit") || method.equals("halt")) && owner.contains("Runtime")
                    && (owner.contains("getRuntime") || owner.endsWith(".runtime"));
            if (system || runtime) {
                refuse(where, (system ? "System.exit" : "Runtime." + method) + " would end prestage before it reports what the recipe did;"
                        + " end a recipe with return, or stop it with throw new Exception('why')");
            }
        }

        /** Named arguments ({@code protect: true}) apart from positional ones. */
        private static void split(Expression arguments, Map<String, Expression> named, List<Expression> positional) {
            List<Expression> all = arguments instanceof TupleExpression t ? t.getExpressions() : List.of(arguments);
            for (Expression e : all) {
                // named arguments arrive as one map, first (Groovy passes a literal map there the same way)
                if (e instanceof MapExpression m && (e instanceof NamedArgumentListExpression || e == all.get(0))) {
                    for (MapEntryExpression entry : m.getMapEntryExpressions()) {
                        if (entry.getKeyExpression() instanceof ConstantExpression k) named.put(String.valueOf(k.getValue()), entry.getValueExpression());
                    }
                } else {
                    positional.add(e);
                }
            }
        }

        private static boolean isParams(Expression e) {
            return e instanceof VariableExpression v && v.getName().equals("params");
        }

        Arg arg(Expression e) {
            if (e instanceof ConstantExpression c) {
                Object v = c.getValue();
                return v == null || v instanceof String || v instanceof Number || v instanceof Boolean ? new Arg.Literal(v) : new Arg.Unknown();
            }
            if (e instanceof PropertyExpression p && p.getPropertyAsString() != null) {
                if (isParams(p.getObjectExpression())) return new Arg.Param(p.getPropertyAsString(), null);
                if (p.getObjectExpression() instanceof VariableExpression v && v.getName().equals("medv")) return new Arg.Medv(p.getPropertyAsString());
                return new Arg.Unknown();
            }
            if (e instanceof BinaryExpression b && b.getOperation().getType() == Types.LEFT_SQUARE_BRACKET && isParams(b.getLeftExpression())
                    && b.getRightExpression() instanceof ConstantExpression c && c.getValue() instanceof String name) {
                return new Arg.Param(name, null);
            }
            if (e instanceof MethodCallExpression m && isParams(m.getObjectExpression()) && "get".equals(m.getMethodAsString())) {
                var args = new ArrayList<Expression>();
                split(m.getArguments(), new LinkedHashMap<>(), args);
                if (!args.isEmpty() && args.get(0) instanceof ConstantExpression c && c.getValue() instanceof String name) {
                    return new Arg.Param(name, args.size() > 1 ? arg(args.get(1)) : null);
                }
                return new Arg.Unknown();
            }
            if (e instanceof ListExpression l) return new Arg.ListOf(l.getExpressions().stream().map(this::arg).toList());
            if (e instanceof GStringExpression g) {
                var parts = new ArrayList<Arg>();
                for (int i = 0; i < g.getStrings().size(); i++) {
                    parts.add(arg(g.getStrings().get(i)));
                    if (i < g.getValues().size()) parts.add(arg(g.getValues().get(i)));
                }
                return new Arg.Concat(parts);
            }
            if (e instanceof VariableExpression v && !v.getName().equals("this")) return new Arg.Variable(v.getName());
            return new Arg.Unknown();
        }

        RecipeFacts finish() {
            var resolvedCalls = calls.stream().map(c -> {
                var named = new LinkedHashMap<String, Arg>();
                c.named().forEach((k, v) -> named.put(k, resolve(v, 0)));
                return new RecipeFacts.Call(c.verb(), c.line(), named, c.positional().stream().map(a -> resolve(a, 0)).toList());
            }).toList();
            var resolvedIncludes = includes.stream().map(i -> new RecipeFacts.Include(resolve(i.path(), 0), i.line())).toList();
            return new RecipeFacts(fileName, description != null ? description : firstComment(text), List.copyOf(declared),
                    List.copyOf(reads), Set.copyOf(tested), resolvedCalls, resolvedIncludes);
        }

        /** A variable declared once and never assigned again stands for its initializer. */
        private Arg resolve(Arg a, int depth) {
            if (depth > 16) return new Arg.Unknown();
            if (a instanceof Arg.Variable v) {
                Arg init = initializers.get(v.name());
                return init == null || ambiguous.contains(v.name()) ? new Arg.Unknown() : resolve(init, depth + 1);
            }
            if (a instanceof Arg.ListOf l) return new Arg.ListOf(l.items().stream().map(x -> resolve(x, depth + 1)).toList());
            if (a instanceof Arg.Concat c) return new Arg.Concat(c.parts().stream().map(x -> resolve(x, depth + 1)).toList());
            if (a instanceof Arg.Param p && p.fallback() != null) return new Arg.Param(p.name(), resolve(p.fallback(), depth + 1));
            return a;
        }
    }

    /** The recipe's first comment line, for recipes that declare no description. */
    static String firstComment(String text) {
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#!")) continue;
            if (t.startsWith("//")) return t.substring(2).strip();
            if (t.startsWith("/*")) return t.replaceAll("^/\\*+|\\*+/$", "").strip();
            return "";
        }
        return "";
    }
}
