package prestage.shell.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import prestage.core.client.ClientSettings;

/** Options every command takes, before or after the verb; the one nearest the verb wins. */
public final class GlobalOptions {
    @Option(names = "--target", paramLabel = "PATH|live",
            description = "The client: a folder or ntfs-3g mount point standing for its C: drive, or 'live' (the default on Windows).")
    String target;

    @Option(names = "--registry", paramLabel = "HIVE|FILE.reg",
            description = "Where registry changes go when the target does not say (an offline hive, or a .reg file).")
    String registry;

    @Option(names = "--json", description = "Print one JSON document on stdout; human text goes to stderr.")
    Boolean json;

    @Option(names = "--what-if", description = "Compute and print the changes; change nothing (exit 3 if something would change).")
    Boolean whatIf;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of unexpected errors.")
    Boolean verbose;

    /** Options set in code: the console started by a test or another program. */
    public static GlobalOptions of(String target, String registry, boolean whatIf) {
        var o = new GlobalOptions();
        o.target = target;
        o.registry = registry;
        o.whatIf = whatIf;
        return o;
    }

    /** Walks from the verb up to the root: a value given nearer the verb overrides one given before it. */
    static GlobalOptions merged(CommandSpec spec) {
        var out = new GlobalOptions();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            var mixin = s.mixins().get("global");
            if (mixin == null || !(mixin.userObject() instanceof GlobalOptions g)) continue;
            if (out.target == null) out.target = g.target;
            if (out.registry == null) out.registry = g.registry;
            if (out.json == null) out.json = g.json;
            if (out.whatIf == null) out.whatIf = g.whatIf;
            if (out.verbose == null) out.verbose = g.verbose;
            if (s.parent() == null && s.userObject() instanceof PrestageCommand root && root.consoleDefaults() != null) {
                var d = root.consoleDefaults();
                if (out.target == null) out.target = d.target;
                if (out.registry == null) out.registry = d.registry;
                if (out.json == null) out.json = d.json;
                if (out.whatIf == null) out.whatIf = d.whatIf;
                if (out.verbose == null) out.verbose = d.verbose;
            }
        }
        return out;
    }

    public boolean json() {
        return Boolean.TRUE.equals(json);
    }

    public boolean whatIf() {
        return Boolean.TRUE.equals(whatIf);
    }

    public boolean verbose() {
        return Boolean.TRUE.equals(verbose);
    }

    public String registry() {
        return registry;
    }

    public String targetSpec() {
        return target;
    }

    /**
     * What the user set outside the command line for the run's clients: {@code -Dprestage.ntacl.xattr} or
     * {@code PRESTAGE_NTACL_XATTR}, {@code -Dprestage.posix.acl} or {@code PRESTAGE_POSIX_ACL}. Read here, in the
     * shell, so that core reads no environment.
     */
    public ClientSettings clientSettings() {
        return ClientSettings.from(System.getenv(), System.getProperties());
    }
}
