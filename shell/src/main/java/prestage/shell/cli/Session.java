package prestage.shell.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import prestage.core.run.Context;
import prestage.core.verbs.Operations;
import prestage.core.verbs.Verbs;
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

    private Session(CommandSpec spec, GlobalOptions options, boolean valueOnly) {
        this.options = options;
        this.command = spec.qualifiedName(" ");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        options.applyCredentials();
        this.target = Clients.open(options.targetSpec(), options.registry(), options.clientSettings());
        this.outcome = new Outcome(options.whatIf());
        this.printer = new OutcomePrinter(out, err, options.json(), valueOnly, options.whatIf());
        printer.attach(outcome);
        var progress = options.json() ? prestage.core.Progress.NONE : Progresses.forStream(err);
        this.operations = new Operations(new Context(target, outcome, progress, new prestage.core.run.Plan(), options.waitForLocks(),
                options.clientSettings()));
    }

    static Session open(CommandSpec spec, boolean valueOnly) {
        return new Session(spec, GlobalOptions.merged(spec), valueOnly);
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
    int finish(Object value) {
        return printer.finish(command, target, outcome, value);
    }

    /** Whether a step changed the client (under what-if nothing ever is). */
    boolean changedAnything() {
        return !outcome.whatIf() && outcome.steps().stream().anyMatch(s -> s.status() == prestage.core.outcome.Status.CHANGED);
    }

    /** Ends the run on an error that is not a step's: one line on stderr (the trace with -v), JSON if asked. */
    int abort(String message, int exit, Throwable cause) {
        printer.error(command, target, outcome, message, exit);
        if (options.verbose() && cause != null) cause.printStackTrace(printer.err());
        printer.flush();
        return exit;
    }

    @Override
    public void close() {
        printer.flush();
    }
}
