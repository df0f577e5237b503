package prestage.shell.cli;

import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import prestage.core.BadInputException;
import picocli.CommandLine.Option;

/** Options every command takes, before or after the verb; the one nearest the verb wins. */
public final class GlobalOptions {
    @Option(names = "--target", paramLabel = "PATH|live",
            description = "The client: a folder or ntfs-3g mount point standing for its C: drive, or 'live' (the default on Windows)."
                    + " 'prestage run' takes it more than once: one run per client.")
    List<String> target;

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
        o.target = target == null ? null : List.of(target);
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

    /** The one client a verb works on; several are for {@code prestage run} only. */
    public String targetSpec() {
        if (target == null || target.isEmpty()) return null;
        if (target.size() > 1) {
            throw new BadInputException("--target is given " + target.size() + " times; only 'prestage run' takes several clients (a fleet run)");
        }
        return target.get(0);
    }

    /** Every {@code --target} given where it was given last (nearest the verb); empty for none. */
    public List<String> targetSpecs() {
        return target == null ? List.of() : List.copyOf(target);
    }
}
