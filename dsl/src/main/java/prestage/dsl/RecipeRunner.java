package prestage.dsl;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import groovy.lang.Binding;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import prestage.core.BadInputException;
import prestage.core.Verbs;

/** Runs a recipe file against a set of verbs; every failure comes out as a {@link RecipeException}. */
public final class RecipeRunner {
    private final RecipeCompiler compiler;

    public RecipeRunner(RecipeCompiler compiler) {
        this.compiler = compiler;
    }

    public Object run(Path recipe, Verbs verbs, Map<String, String> params, PrintWriter out, boolean whatIf) {
        String fileName = recipe.getFileName().toString();
        String text;
        try {
            text = Files.readString(recipe, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("recipe " + recipe + " does not exist; give the path of a .groovy file");
        } catch (MalformedInputException e) {
            throw new BadInputException("recipe " + recipe + " is not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException("cannot read recipe " + recipe + ": " + e.getMessage());
        }
        Class<? extends Script> type = compiler.compile(fileName, text);
        Script script;
        try {
            script = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new RecipeException(fileName, 0, "cannot start: " + e, false, e);
        }
        var binding = new Binding();
        PrestageScript.prepare(binding, verbs, new Params(params), whatIf);
        binding.setVariable("out", out);
        script.setBinding(binding);
        try {
            return script.run();
        } catch (RuntimeException e) {
            throw locate(fileName, e);
        } finally {
            out.flush();
        }
    }

    /** Finds the recipe's own line in the stack and says what went wrong in one line. */
    public static RecipeException locate(String fileName, Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof org.codehaus.groovy.control.MultipleCompilationErrorsException m) {
            return RecipeCompiler.compileError(fileName, m);
        }
        int line = lineIn(fileName, e);
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
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        if (e instanceof RecipeException r) return r;
        return new RecipeException(fileName, line, problem, badInput, e);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvokerInvocationException || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static int lineIn(String fileName, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (fileName.equals(frame.getFileName()) && frame.getLineNumber() > 0) return frame.getLineNumber();
            }
        }
        return 0;
    }
}
