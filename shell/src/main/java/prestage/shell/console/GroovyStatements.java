package prestage.shell.console;

import java.io.PrintWriter;
import java.util.Map;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import prestage.core.BadInputException;
import prestage.core.outcome.Step;
import prestage.core.verb.store.Store;
import prestage.dsl.ExitGuard;
import prestage.dsl.Params;
import prestage.dsl.PrestageScript;
import prestage.dsl.RecipeCompiler;
import prestage.dsl.RecipeRunner;
import prestage.shell.run.Failure;
import prestage.shell.run.GlobalOptions;
import prestage.shell.run.Session;

/**
 * Groovy statements typed at the console, with the recipe verbs in scope and variables kept between lines. Each
 * statement is a run of its own, built by {@link Session} exactly as a command line's is, so both print, plan and
 * end with the same exit status (under --what-if, {@code store('/tmp/x')} exits 3 as {@code store /tmp/x} does).
 */
final class GroovyStatements implements AutoCloseable {
    static final String SOURCE = "console";
    private final Binding binding = new Binding();
    private final GroovyShell shell;
    private final GlobalOptions options;
    private final PrintWriter out;

    /** Ends the JVM no longer while the console is open: the console asks first (see {@link ExitRequested}). */
    private final ExitGuard exitGuard = ExitGuard.install();

    GroovyStatements(GlobalOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
        PrestageScript.prepare(binding, null, new Params(Map.of()), options.whatIf());
        binding.setVariable("out", new PrintWriter(out, true)); // so println shows while a statement still runs
        shell = new GroovyShell(PrestageScript.class.getClassLoader(), binding, RecipeCompiler.configuration());
        shell.evaluate("null", SOURCE); // loads the compiler now, not at the first statement
    }

    boolean hasVariable(String name) {
        return binding.hasVariable(name) && !name.startsWith("__");
    }

    /** The console's variables, for completion: the user's own, not the DSL's plumbing. */
    Map<String, Object> variables() {
        var all = new java.util.TreeMap<String, Object>();
        for (Object e : binding.getVariables().entrySet()) {
            var entry = (Map.Entry<?, ?>) e;
            String name = String.valueOf(entry.getKey());
            if (!name.startsWith("__") && !name.equals("out")) all.put(name, entry.getValue());
        }
        return all;
    }

    Object value(String expression) {
        return shell.evaluate(expression, SOURCE);
    }

    /** Evaluates a statement as one run; prints its value unless a step line already said it. */
    int evaluate(String statement) {
        Session run;
        try {
            run = Session.open(SOURCE, options, out, out);
        } catch (BadInputException e) {
            out.println("prestage: " + Failure.of(e, options.verbose()).message());
            out.flush();
            return Failure.of(e, false).exit();
        }
        try (run) {
            PrestageScript.prepare(binding, run.verbs(), new Params(Map.of()), options.whatIf());
            Object value;
            try {
                value = shell.evaluate(keepVariables(statement), SOURCE);
            } catch (RuntimeException e) { // Groovy rethrows checked exceptions (InterruptedException on Ctrl-C) unchecked
                ExitRequested exit = exitRequest(e);
                if (exit != null) throw exit;
                return run.stopped(RecipeRunner.locate(SOURCE, e));
            }
            boolean shown = value == null || value instanceof Step || value instanceof Store;
            return run.finish(shown ? null : value);
        } finally {
            out.flush();
        }
    }

    /** The exit request behind {@code e}, however Groovy wrapped it; null if there is none. */
    private static ExitRequested exitRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExitRequested r) return r;
            if (t instanceof ExitGuard.Refused r) return new ExitRequested(r.call(), r.status());
        }
        return null;
    }

    /** {@code def s = ...} would vanish with the line; at the console it means {@code s = ...}. */
    static String keepVariables(String statement) {
        return statement.replaceFirst("^def\\s+([A-Za-z_]\\w*)\\s*=", "$1 =");
    }

    @Override
    public void close() {
        exitGuard.close();
        out.flush();
    }
}
