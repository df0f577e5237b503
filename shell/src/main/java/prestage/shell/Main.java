package prestage.shell;

import java.io.PrintWriter;
import java.nio.charset.Charset;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import prestage.shell.cli.Failure;
import prestage.shell.cli.PrestageCommand;

/** {@code prestage}: one-shot commands, recipes, or (with no arguments) the console. */
public final class Main {
    static {
        // picocli probes for Groovy closures with Class.forName, which starts the Groovy runtime (about 300 ms)
        // on every command, --version included; only recipes and the console's statements need it
        System.setProperty("picocli.disable.closures", "true");
    }

    private Main() {
    }

    public static void main(String[] args) {
        useKrb5Config(System.getenv("KRB5_CONFIG"));
        var out = new PrintWriter(System.out, true, Charset.defaultCharset());
        var err = new PrintWriter(System.err, true, Charset.defaultCharset());
        System.exit(run(out, err, args));
    }

    /**
     * MIT Kerberos tools read {@code KRB5_CONFIG}; the JDK reads only {@code -Djava.security.krb5.conf} (else
     * {@code /etc/krb5.conf}). So that {@code kinit} and prestage agree on the realm and its KDCs, the first file of
     * {@code KRB5_CONFIG} becomes the JDK's, unless the property is set. It is a JVM-wide setting by the JDK's design.
     */
    static void useKrb5Config(String krb5Config) {
        if (krb5Config == null || krb5Config.isBlank() || System.getProperty("java.security.krb5.conf") != null) return;
        System.setProperty("java.security.krb5.conf", krb5Config.split(":")[0]);
    }

    /**
     * Runs {@code prestage ARGS...} and returns the exit status. With {@code --json}, stdout gets exactly one JSON
     * document whatever happens (see {@link JsonContract}); what the command writes to stdout is held until it ends.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (!JsonContract.requested(args)) return commandLine(out, err, verbOf(args)).execute(args);
        var captured = new JsonContract.Capture();
        var errors = new ErrorLines(err);
        var errWriter = new PrintWriter(errors, true);
        int exit = commandLine(captured, errWriter, verbOf(args)).execute(args);
        errWriter.flush();
        JsonContract.write(out, captured, exit, errors.lastError());
        out.flush();
        return exit;
    }

    /** The first word that is neither a global option nor its value: the verb, if there is one. */
    static String verbOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--target") || a.equals("--registry")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The command tree with prestage's error policy: one line per problem, exit 2 for bad input, no trace without -v. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /** Only {@code verb}'s command when it names one; settings go on after the verbs, so they reach them. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String verb) {
        var cl = PrestageCommand.withVerbs(new CommandLine(new PrestageCommand()), verb);
        // '@FILE' is an ACL argument of its own (CLI.md), not picocli's argument file
        cl.setExpandAtFiles(false);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::badUsage);
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
}
