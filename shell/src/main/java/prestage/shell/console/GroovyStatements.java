package prestage.shell.console;

import java.io.PrintWriter;
import java.util.Map;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import prestage.core.BadInputException;
import prestage.core.run.Context;
import prestage.core.verbs.Operations;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;
import prestage.core.store.Store;
import prestage.core.client.open.Clients;
import prestage.dsl.Params;
import prestage.dsl.PrestageScript;
import prestage.dsl.RecipeCompiler;
import prestage.dsl.RecipeException;
import prestage.dsl.RecipeRunner;
import prestage.shell.cli.GlobalOptions;
import prestage.shell.render.OutcomePrinter;
import prestage.shell.render.Palette;
import prestage.shell.render.Progresses;

/** Groovy statements typed at the console, with the recipe verbs in scope and variables kept between lines. */
final class GroovyStatements implements AutoCloseable {
    static final String SOURCE = "console";
    private final Binding binding = new Binding();
    private final GroovyShell shell;
    private final PrintWriter out;
    private final Outcome outcome;
    private RuntimeException targetProblem;

    /** Ends the JVM no longer: the console asks first (see {@link ExitRequested}). */
    private static final String GUARD_EXIT = """
            System.metaClass.static.exit = { int status -> throw new prestage.shell.console.ExitRequested(status) }
            Runtime.metaClass.exit = { int status -> throw new prestage.shell.console.ExitRequested(status) }
            Runtime.metaClass.halt = { int status -> throw new prestage.shell.console.ExitRequested(status) }
            """;

    GroovyStatements(GlobalOptions options, PrintWriter out, Palette palette) {
        this.out = out;
        this.outcome = new Outcome(options.whatIf());
        var printer = new OutcomePrinter(out, out, false, false, options.whatIf(), palette);
        printer.attach(outcome);
        Operations verbs = null;
        try {
            var target = Clients.open(options.targetSpec(), options.registry(), options.clientSettings());
            verbs = new Operations(new Context(target, outcome, Progresses.forStream(out), options.clientSettings()));
        } catch (BadInputException e) {
            targetProblem = e;
        }
        PrestageScript.prepare(binding, verbs, new Params(Map.of()), options.whatIf());
        binding.setVariable("out", new PrintWriter(out, true)); // so println shows while a statement still runs
        shell = new GroovyShell(PrestageScript.class.getClassLoader(), binding, RecipeCompiler.configuration());
        shell.evaluate(GUARD_EXIT, SOURCE); // also loads the compiler now, not at the first statement
    }

    boolean hasVariable(String name) {
        return binding.hasVariable(name) && !name.startsWith("__");
    }

    Object value(String expression) {
        return shell.evaluate(expression, SOURCE);
    }

    /** Evaluates a statement; prints its value unless a step line already said it. */
    int evaluate(String statement) {
        if (targetProblem != null) {
            out.println("prestage: " + targetProblem.getMessage());
            return 2;
        }
        int before = outcome.steps().size();
        try {
            Object result = shell.evaluate(keepVariables(statement), SOURCE);
            if (result != null && !(result instanceof Step) && !(result instanceof Store)) out.println(result);
            return worst(before);
        } catch (RecipeException e) {
            if (exitRequest(e) != null) throw exitRequest(e);
            out.println("prestage: " + e.getMessage());
            return e.badInput() ? 2 : 1;
        } catch (Exception e) { // Groovy rethrows checked exceptions (InterruptedException on Ctrl-C) unchecked
            if (exitRequest(e) != null) throw exitRequest(e);
            RecipeException located = RecipeRunner.locate(SOURCE, e);
            out.println("prestage: " + located.getMessage());
            return located.badInput() ? 2 : 1;
        } finally {
            out.flush();
        }
    }

    /** The exit request behind {@code e}, however Groovy wrapped it; null if there is none. */
    private static ExitRequested exitRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExitRequested r) return r;
        }
        return null;
    }

    /** {@code def s = ...} would vanish with the line; at the console it means {@code s = ...}. */
    static String keepVariables(String statement) {
        return statement.replaceFirst("^def\\s+([A-Za-z_]\\w*)\\s*=", "$1 =");
    }

    private int worst(int from) {
        var steps = outcome.steps();
        int exit = 0;
        for (int i = from; i < steps.size(); i++) {
            switch (steps.get(i).status()) {
                case FAILED -> exit = 1;
                case DRIFT -> exit = exit == 1 ? 1 : 3;
                default -> { }
            }
        }
        return exit;
    }

    @Override
    public void close() {
        out.flush();
    }
}
