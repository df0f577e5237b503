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
        this(command, options, new OutcomePrinter(out, err, options.json(), valueOnly, options.whatIf()), null);
    }

    /** @param display where the run shows itself when it is one of many; null: the printer prints it */
    private Session(String command, GlobalOptions options, OutcomePrinter printer, Display display) {
        this.options = options;
        this.command = command;
        options.applyTimeout();
        // a bad --registry is said before the client is opened, let alone changed (not at a recipe's registry step)
        prestage.core.client.local.LocalClients.checkRegistry(options.registry());
        var settings = options.clientSettings();
        this.target = Clients.open(options.targetSpec(), options.registry(), settings);
        this.outcome = new Outcome(options.whatIf());
        this.printer = printer;
        prestage.core.Progress progress;
        if (display == null) {
            printer.attach(outcome);
            progress = options.json() ? prestage.core.Progress.NONE : Progresses.forStream(printer.err());
        } else {
            outcome.onStep(display::step);
            outcome.onWarning(display::warning);
            progress = display.progress();
        }
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

    /**
     * Where a run shows itself when it is one of many at once (a fleet's client): its steps, warnings, progress and
     * the recipe's own lines go to the fleet's display instead of this process's streams.
     */
    public interface Display {
        void step(prestage.core.outcome.Step step);

        void warning(String warning);

        prestage.core.Progress progress();

        /** The recipe's own lines ({@code println}). */
        PrintWriter out();
    }

    /**
     * A client's run in a fleet: built as every other run (the client opened with the options' settings and
     * credentials, {@code --no-wait} honoured), shown on {@code display}. The fleet reads the outcome itself; nothing
     * is printed by {@link #finish}.
     *
     * @throws prestage.core.BadInputException when the target cannot be opened
     */
    public static Session open(String command, GlobalOptions options, Display display) {
        var printer = new OutcomePrinter(display.out(), display.out(), false, false, options.whatIf(), prestage.shell.render.Palette.NONE);
        return new Session(command, options, printer, display);
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
    public boolean changedAnything() {
        return !outcome.whatIf() && outcome.steps().stream().anyMatch(s -> s.status() == prestage.core.outcome.Status.CHANGED);
    }

    /**
     * An error stopped the run: one line (and with --json the document, with the steps done so far). Bad input
     * promises that nothing changed, so once a step has changed the client the status is 1, not 2.
     */
    public int stopped(RuntimeException e) {
        Failure f = failure(e);
        return abort(f.message(), f.exit(), e);
    }

    /** What an error that stopped this run means: its line and exit status (bad input turns failure once something changed). */
    public Failure failure(Throwable e) {
        return Failure.of(e, options.verbose()).afterChanges(changedAnything());
    }

    /** Ends the run on an error that is not a step's: one line on stderr (the trace with -v), JSON if asked. */
    int abort(String message, int exit, Throwable cause) {
        printer.error(command, target, outcome, message, exit);
        if (options.verbose() && cause != null) cause.printStackTrace(printer.err());
        printer.flush();
        return exit;
    }

    /**
     * Flushes what was printed and closes the client, which puts back what the run changed for itself (a started
     * service) and ends its SMB session: a console outlives its runs, and a session left open would keep whatever an
     * interrupted verb had open on the server.
     */
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
