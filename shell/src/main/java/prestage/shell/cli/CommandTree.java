package prestage.shell.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import prestage.shell.run.Failure;
import prestage.shell.run.GlobalOptions;

/** The command tree with prestage's error policy, for the command line and for the console. */
public final class CommandTree {
    private CommandTree() {
    }

    /** The command tree with prestage's error policy: one line per problem, exit 2 for bad input, no trace without -v. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /** Only {@code verb}'s command when it names one; settings go on after the verbs, so they reach them. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String verb) {
        var cl = PrestageCommand.withVerbs(new CommandLine(new PrestageCommand()), verb);
        // '@FILE' is an ACL argument of its own (docs/cli.md), not picocli's argument file
        cl.setExpandAtFiles(false);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(CommandTree::badUsage);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine));
        cl.setExitCodeExceptionMapper(Failure.EXIT_CODES);
        return cl;
    }

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String where = cl.getCommandSpec().qualifiedName(" ");
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && cl.getCommandSpec().parent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", cl.getSubcommands().keySet());
        }
        Failure f = Failure.badInput(message + " (see '" + where + " --help')");
        cl.getErr().println("prestage: " + f.message());
        cl.getErr().flush();
        return f.exit();
    }

    private static int failure(Exception e, CommandLine cl) {
        var err = cl.getErr();
        boolean verbose = cl.getParseResult() != null && verbose(cl.getParseResult());
        Failure f = Failure.of(e, verbose);
        err.println("prestage: " + f.message());
        if (verbose) e.printStackTrace(err);
        err.flush();
        return f.exit();
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (var r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("-v")) return true;
        }
        return false;
    }

    /** The tree the console runs typed commands through: the options it was started with apply to each of them. */
    public static CommandLine forConsole(PrintWriter out, GlobalOptions defaults) {
        CommandLine commands = commandLine(out, out);
        ((PrestageCommand) commands.getCommand()).consoleDefaults(defaults);
        return commands;
    }
}
