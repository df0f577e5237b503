package prestage.shell;

import java.io.PrintWriter;
import java.nio.charset.Charset;

import prestage.shell.cli.CommandTree;

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
        if (!JsonContract.requested(args)) return CommandTree.commandLine(out, err, verbOf(args)).execute(args);
        var captured = new JsonContract.Capture();
        var errors = new ErrorLines(err);
        var errWriter = new PrintWriter(errors, true);
        int exit = CommandTree.commandLine(captured, errWriter, verbOf(args)).execute(args);
        errWriter.flush();
        JsonContract.write(out, captured, exit, errors.lastError());
        out.flush();
        return exit;
    }

    /** The first word that is neither a global option nor its value: the verb, if there is one. */
    public static String verbOf(String[] args) {
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
}
