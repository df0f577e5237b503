package prestage.shell.run;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import prestage.core.verb.Context;
import prestage.core.operations.Operations;
import prestage.core.operations.Verbs;
import prestage.core.outcome.Outcome;
import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.shell.render.OutcomePrinter;
import prestage.shell.render.Progresses;

/** One command's run: the target opened, the outcome collected, and how it is shown. */
public final class Session implements AutoCloseable {
    private final GlobalOptions options;
    private final Client target;
    private final Outcome outcome;
    private final Operations operations;
    private final OutcomePrinter printer;
    private final String command;

    private Session(String command, GlobalOptions options, PrintWriter out, PrintWriter err, boolean valueOnly) {
        this.options = options;
        this.command = command;
        var settings = options.clientSettings();
        this.target = Clients.open(options.targetSpec(), options.registry(), settings);
        this.outcome = new Outcome(options.whatIf());
        this.printer = new OutcomePrinter(out, err, options.json(), valueOnly, options.whatIf());
        printer.attach(outcome);
        var progress = options.json() ? prestage.core.Progress.NONE : Progresses.forStream(err);
        this.operations = new Operations(new Context(target, outcome, progress, new prestage.core.verb.Plan(), options.waitForLocks(),
                settings));
    }

    public static Session open(CommandSpec spec, boolean valueOnly) {
        var cl = spec.commandLine();
        return new Session(spec.qualifiedName(" "), GlobalOptions.merged(spec), cl.getOut(), cl.getErr(), valueOnly);
    }

    /**
     * The one way a run is built, for every face: a command line, a recipe, and each Groovy statement typed at the
     * console (named {@code command}), so they open the client, plan, print and decide the exit status alike.
     *
     * @throws prestage.core.BadInputException when the target cannot be opened
     */
    public static Session open(String command, GlobalOptions options, PrintWriter out, PrintWriter err) {
        return new Session(command, options, out, err, false);
    }

    public Verbs verbs() {
        return operations;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Client target() {
        return target;
    }

    public GlobalOptions options() {
        return options;
    }

    public PrintWriter out() {
        return printer.humanOut();
    }

    /** Prints the value (if any), the summary or JSON document, and returns the exit status. */
    public int finish(Object value) {
        return printer.finish(command, target, outcome, value);
    }

    /** Whether a step changed the client (under what-if nothing ever is). */
    boolean changedAnything() {
        return !outcome.whatIf() && outcome.steps().stream().anyMatch(s -> s.status() == prestage.core.outcome.Status.CHANGED);
    }

    /**
     * An error stopped the run: one line (and with --json the document, with the steps done so far). Bad input
     * promises that nothing changed, so once a step has changed the client the status is 1, not 2.
     */
    public int stopped(RuntimeException e) {
        Failure f = Failure.of(e, options.verbose()).afterChanges(changedAnything());
        return abort(f.message(), f.exit(), e);
    }

    /** Ends the run on an error that is not a step's: one line on stderr (the trace with -v), JSON if asked. */
    int abort(String message, int exit, Throwable cause) {
        printer.error(command, target, outcome, message, exit);
        if (options.verbose() && cause != null) cause.printStackTrace(printer.err());
        printer.flush();
        return exit;
    }

    /** Flushes what was printed and closes the client, which puts back what the run changed for itself (a started service). */
    @Override
    public void close() {
        printer.flush();
        try {
            target.close();
        } catch (java.io.IOException | RuntimeException e) {
            printer.humanOut().println("closing " + target.describe() + ": " + e.getMessage());
        }
    }
}
