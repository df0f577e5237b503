package prestage.dsl;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import groovy.lang.Binding;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import prestage.core.BadInputException;
import prestage.core.OptionWords;
import prestage.core.operations.Verbs;

/**
 * Runs a recipe file against a set of verbs; every failure comes out as a {@link RecipeException}.
 * Before the recipe's first statement runs, it and every recipe it includes by name are compiled and the
 * {@link Preflight} checks them, so a missing parameter or an argument no verb would take changes nothing.
 */
public final class RecipeRunner {
    private final RecipeCompiler compiler;
    private final RecipeSearchPath searchPath;

    public RecipeRunner(RecipeCompiler compiler) {
        this(compiler, new RecipeSearchPath(List.of()));
    }

    public RecipeRunner(RecipeCompiler compiler, RecipeSearchPath searchPath) {
        this.compiler = compiler;
        this.searchPath = searchPath;
    }

    /** One recipe file, compiled, with what its syntax tree says. */
    public record Recipe(RecipeSource source, RecipeFacts facts, Class<? extends Script> type) {
    }

    /** A recipe and every recipe it includes by a name known before it runs, the recipe itself first. */
    public record Loaded(List<Recipe> recipes, Map<Path, Recipe> byPath) {
        public Recipe main() {
            return recipes.get(0);
        }

        public List<RecipeFacts> facts() {
            return recipes.stream().map(Recipe::facts).toList();
        }

        /** Declared parameters of the recipe and its includes, the recipe's own first. */
        public List<RecipeFacts.Declared> declared() {
            var out = new LinkedHashMap<String, RecipeFacts.Declared>();
            recipes.forEach(r -> r.facts().declared().forEach(d -> out.putIfAbsent(d.name(), d)));
            return List.copyOf(out.values());
        }
    }

    /** Reads and compiles {@code recipe} and, recursively, the recipes it includes ({@code params} may name them). */
    public Loaded load(Path recipe, Map<String, String> params) {
        var byPath = new LinkedHashMap<Path, Recipe>();
        loadTree(RecipeSource.read(recipe), params, byPath, new ArrayDeque<>());
        return new Loaded(List.copyOf(byPath.values()), byPath);
    }

    private void loadTree(RecipeSource source, Map<String, String> params, Map<Path, Recipe> byPath, Deque<Path> stack) {
        Path real = realPath(source.path());
        Recipe recipe = compile(source);
        byPath.put(real, recipe);
        stack.push(real);
        for (var include : recipe.facts().includes()) {
            var name = include.path().value(params);
            if (name.isEmpty()) continue; // computed at run time: compiled and checked when it is included
            Path path;
            try {
                path = resolveInclude(real, name.get().toString());
            } catch (BadInputException e) {
                throw new RecipeException(source.fileName(), include.line(), e.getMessage(), true, e);
            }
            Path target = realPath(path);
            if (stack.contains(target)) {
                throw new RecipeException(source.fileName(), include.line(), "include '" + name.get() + "' would include "
                        + target.getFileName() + " again, which is already including it; take the shared part into a recipe of its own", true, null);
            }
            if (byPath.containsKey(target)) continue;
            try {
                loadTree(RecipeSource.read(path), params, byPath, stack);
            } catch (BadInputException e) {
                throw new RecipeException(source.fileName(), include.line(), e.getMessage(), true, e);
            }
        }
        stack.pop();
    }

    Recipe compile(RecipeSource source) {
        var compiled = compiler.compileRecipe(source.fileName(), source.text());
        return new Recipe(source, compiled.facts(), compiled.type());
    }

    /** An include names a file beside the recipe that includes it, an absolute path, or a recipe on the search path. */
    Path resolveInclude(Path from, String name) {
        Path given = Path.of(name);
        if (given.isAbsolute()) return given;
        if (from != null) {
            Path beside = from.toAbsolutePath().getParent().resolve(given);
            if (Files.isRegularFile(beside)) return beside;
        }
        return searchPath.find(name).orElseThrow(() -> new BadInputException("include '" + name + "': no such recipe beside "
                + (from == null ? "this recipe" : from.getFileName()) + " nor on the recipe search path; check the name"));
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    public Object run(Path recipe, Verbs verbs, Map<String, String> params, PrintWriter out, boolean whatIf) {
        return run(load(recipe, params), verbs, params, out, whatIf);
    }

    public Object run(Loaded loaded, Verbs verbs, Map<String, String> params, PrintWriter out, boolean whatIf) {
        Preflight.check(loaded.facts(), params);
        Recipe main = loaded.main();
        Script script = instantiate(main);
        var binding = new Binding();
        PrestageScript.prepare(binding, verbs, new Params(params, Preflight.defaults(loaded.facts())), whatIf);
        binding.setVariable("out", out);
        var includes = new Includes(this, loaded.byPath(), params, binding);
        includes.main(script, realPath(main.source().path()));
        binding.setVariable(PrestageScript.INCLUDES, includes);
        script.setBinding(binding);
        disableGrapes();
        try (var guard = ExitGuard.install()) {
            return script.run();
        } catch (RuntimeException e) {
            RecipeException located = locate(includes.files(), main.source().fileName(), e);
            if (unwrap(e) instanceof StopAtFirstFailure.StepFailed) throw skipped(located, loaded);
            throw located;
        } finally {
            out.flush();
        }
    }

    /**
     * A step failed and the recipe stopped there: the message says so and names the verb calls written after it in
     * the same file, which did not run (a loop or a branch may have skipped some of them anyway).
     */
    private static RecipeException skipped(RecipeException at, Loaded loaded) {
        var later = new ArrayList<String>();
        for (RecipeFacts facts : loaded.facts()) {
            if (!at.file().equals(facts.file())) continue;
            for (RecipeFacts.Call c : facts.calls()) {
                if (c.line() > at.line() && !c.verb().equals("include") && !c.verb().equals("param") && !c.verb().equals("description")) {
                    later.add(c.verb() + " (line " + c.line() + ")");
                }
            }
        }
        String problem = at.problem() + "; the recipe stopped there"
                + (later.isEmpty() ? "" : ", skipped: " + String.join(", ", later))
                + " (fix what failed and run it again)";
        return new RecipeException(at.file(), at.line(), problem, false, at.getCause());
    }

    /** Grape would fetch code for a {@code Grape.grab} call the compile-time check could not see. */
    private static void disableGrapes() {
        groovy.grape.Grape.setEnableGrapes(false);
    }

    static Script instantiate(Recipe recipe) {
        try {
            return recipe.type().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new RecipeException(recipe.source().fileName(), 0, "cannot start: " + e, false, e);
        }
    }

    /** Finds the recipe's own line in the stack and says what went wrong in one line. */
    public static RecipeException locate(String fileName, Throwable thrown) {
        return locate(Set.of(fileName), fileName, thrown);
    }

    /** The same, for a run whose recipes include others: the innermost recipe line in the stack names the file. */
    public static RecipeException locate(Set<String> fileNames, String mainFile, Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof RecipeException r) return r;
        if (e instanceof org.codehaus.groovy.control.MultipleCompilationErrorsException m) {
            return RecipeCompiler.compileError(mainFile, m);
        }
        StackTraceElement frame = frameIn(fileNames, e);
        boolean badInput = e instanceof BadInputException || e instanceof MissingPropertyException
                || e instanceof MissingMethodException || e instanceof IllegalArgumentException
                || e instanceof ClassCastException || e instanceof NullPointerException;
        String problem;
        if (e instanceof MissingPropertyException m) {
            problem = "no such variable or property '" + m.getProperty() + "'";
        } else if (e instanceof MissingMethodException m) {
            problem = "no verb or method '" + m.getMethod() + "' taking these arguments";
        } else if (e instanceof InterruptedException) {
            problem = "interrupted";
        } else {
            String message = e instanceof BadInputException b ? b.wordedFor(OptionWords.Face.RECIPE) : prestage.core.ErrorText.of(e);
            problem = message.lines().findFirst().orElse("");
        }
        return new RecipeException(frame == null ? mainFile : frame.getFileName(), frame == null ? 0 : frame.getLineNumber(), problem, badInput, e);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvokerInvocationException || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static StackTraceElement frameIn(Set<String> fileNames, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getFileName() != null && fileNames.contains(frame.getFileName()) && frame.getLineNumber() > 0) return frame;
            }
        }
        return null;
    }

}
