package prestage.shell;

import java.io.PrintWriter;
import java.nio.charset.Charset;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import prestage.core.BadInputException;
import prestage.dsl.RecipeException;
import prestage.shell.cli.PrestageCommand;

/** {@code prestage}: one-shot commands, recipes, or (with no arguments) the console. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true, Charset.defaultCharset());
        var err = new PrintWriter(System.err, true, Charset.defaultCharset());
        System.exit(commandLine(out, err).execute(args));
    }

    /** The command tree with prestage's error policy: one line per problem, exit 2 for bad input, no trace without -v. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        var cl = new CommandLine(new PrestageCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::badUsage);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine));
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
        cl.getErr().println("prestage: " + message + " (see '" + where + " --help')");
        cl.getErr().flush();
        return 2;
    }

    private static int failure(Exception e, CommandLine cl) {
        var err = cl.getErr();
        boolean verbose = cl.getParseResult() != null && verbose(cl.getParseResult());
        int exit;
        String message;
        if (e instanceof BadInputException) {
            exit = 2;
            message = e.getMessage();
        } else if (e instanceof RecipeException r) {
            exit = r.badInput() ? 2 : 1;
            message = r.getMessage();
        } else {
            exit = 1;
            message = "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (verbose ? "" : " (run with -v for details)");
        }
        err.println("prestage: " + message);
        if (verbose) e.printStackTrace(err);
        err.flush();
        return exit;
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (var r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("-v")) return true;
        }
        return false;
    }
}
