package prestage.dsl;

import java.util.List;
import java.util.Set;

import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Refuses Grape ({@code @Grab} and its kin, {@code Grape.grab}) at compile time: a recipe is shared and run by
 * admins who read it first, and code fetched from a repository when it runs is code nobody read. Grape's own
 * transformation is switched off as well ({@link RecipeCompiler#configuration()}), so nothing is fetched even if
 * this check were passed by.
 */
final class DownloadRefusal extends CompilationCustomizer {
    static final String GRAB_TRANSFORM = "groovy.grape.GrabAnnotationTransformation";
    private static final Set<String> GRAPE = Set.of("Grab", "Grapes", "GrabResolver", "GrabConfig", "GrabExclude");
    static final String MESSAGE = "recipes cannot download code: @Grab and Grape are refused; a recipe uses prestage's verbs"
            + " and the Groovy and Java libraries prestage ships";

    DownloadRefusal() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        var visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitAnnotations(AnnotatedNode node) {
                check(source, node.getAnnotations());
                super.visitAnnotations(node);
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String receiver = call.getObjectExpression().getText();
                if ("grab".equals(call.getMethodAsString()) && (receiver.equals("Grape") || receiver.equals("groovy.grape.Grape"))) {
                    refuse(source, call.getLineNumber(), call.getColumnNumber());
                }
                super.visitMethodCallExpression(call);
            }
        };
        visitor.visitClass(classNode);
        {
            var module = source.getAST();
            for (List<ImportNode> imports : List.of(module.getImports(), module.getStarImports(),
                    List.copyOf(module.getStaticImports().values()), List.copyOf(module.getStaticStarImports().values()))) {
                for (ImportNode i : imports) check(source, i.getAnnotations());
            }
            if (module.getPackage() != null) check(source, module.getPackage().getAnnotations());
        }
    }

    private static void check(SourceUnit source, List<AnnotationNode> annotations) {
        for (AnnotationNode a : annotations) {
            String name = a.getClassNode().getNameWithoutPackage();
            if (GRAPE.contains(name)) refuse(source, a.getLineNumber(), a.getColumnNumber());
        }
    }

    private static void refuse(SourceUnit source, int line, int column) {
        source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(new SyntaxException(MESSAGE, line, column), source));
    }
}
