package prestage.shell.cli;

import prestage.shell.run.Failure;
import prestage.shell.run.GlobalOptions;
import prestage.shell.run.Session;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.BadInputException;
import prestage.core.outcome.Outcome;
import prestage.dsl.RecipeException;
import prestage.dsl.RecipeFacts;
import prestage.dsl.RecipeRunner;
import prestage.shell.fleet.FleetCommand;

@Command(name = "run",
        description = {"Run a recipe: a Groovy script whose statements are prestage's verbs.",
                "  prestage run scripts/medv-prestage.groovy --target /mnt/c -p source=/srv/images",
                "  prestage run medv-prestage --help      (a name from 'prestage recipes'; --help lists its parameters)",
                "Many clients (a fleet run): repeat --target, or give --targets FILE or --inventory INV [--limit PATTERN];"
                        + " --forks N at a time. One failing client never stops the others; a recap ends the run, and the exit"
                        + " status is the worst client's. --retry-failed RESULTS.json reruns the clients that did not finish.",
                "Before the first step, the recipe and the recipes it includes are compiled and checked: every parameter"
                        + " it reads is given, and verb arguments written in the recipe parse (ACLs, registry values, MSI"
                        + " properties, push sources). A problem there changes nothing (exit status 2).",
                "A recipe is code. --what-if plans every prestage verb and changes nothing through them, but it cannot"
                        + " stop the recipe's own Groovy code (files it writes, programs it starts) from running. Read a"
                        + " recipe you were given first: prestage show RECIPE."})
final class RunCommand extends VerbCommand {
    @Option(names = {"-h", "--help"}, description = "Show this help; with RECIPE, also the parameters it takes.")
    boolean help;

    @Parameters(paramLabel = "RECIPE", arity = "0..1", description = "The recipe: a .groovy file, or a name from 'prestage recipes'.")
    String recipe;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A value the recipe reads as params.NAME; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--targets", paramLabel = "FILE", description = "A fleet run: the clients, one target per line (# starts a comment).")
    Path targetsFile;

    @Option(names = "--inventory", paramLabel = "INV", description = "A fleet run: the hosts of an Ansible inventory, read with ansible-inventory."
            + " Host variables: prestage_target (else \\\\HOST\\C$), prestage_registry, prestage_params (a dict) and"
            + " prestage_param_NAME (-p wins).")
    String inventory;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "With --inventory: only the hosts this Ansible host pattern names.")
    String limit;

    @Option(names = "--forks", paramLabel = "N", description = "A fleet run: how many clients at a time (default: ${DEFAULT-VALUE};"
            + " at most " + FleetCommand.MAX_FORKS + ").")
    int forks = FleetCommand.DEFAULT_FORKS;

    @Option(names = "--retry-failed", paramLabel = "RESULTS",
            description = "A fleet run again, for the clients that did not finish in an earlier run's --results journal or --json document.")
    Path retryFailed;

    @Option(names = "--shared-reads", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "A fleet run: read each image block once for all the clients copying it at the same time (a window"
            + " of 32 MiB per file; a client 2 s behind reads for itself). On by default: measured with less CPU than each"
            + " client reading for itself (bench/fleet/RESULTS.md); --no-shared-reads turns it off.")
    boolean sharedReads;

    @Option(names = "--results", paramLabel = "FILE", description = "A fleet run: keep a journal of it in FILE (JSON Lines: the clients,"
            + " then a line as each starts and ends, forced to the disk); a run that is stopped or killed leaves a FILE that"
            + " --retry-failed FILE completes. FILE must not be one of the run's inputs, nor a file other than such results.")
    Path results;

    @Override
    public Integer call() {
        if (help) return help();
        var options = GlobalOptions.merged(spec);
        try {
            options.applyTimeout();
            options.clientSettings(); // a bad --auth is refused once, before any client
        } catch (BadInputException e) {
            return refuse(e.getMessage());
        }
        var request = new FleetCommand.Request(null, params, targetsFile, inventory, limit, forks, retryFailed, options, sharedReads, results);
        if (request.fleet()) return fleet(request);
        if (limit != null || forks != FleetCommand.DEFAULT_FORKS) {
            return refuse((limit != null ? "--limit" : "--forks") + " is for a fleet run; give several --target, --targets FILE or --inventory INV");
        }
        try (var session = Session.open(spec, false)) {
            RecipeRunner runner = RecipeFiles.runner();
            try {
                Path path = RecipeFiles.locate(recipe, spec.commandLine().getErr());
                runner.run(runner.load(path, params), session.verbs(), params, session.out(), session.options().whatIf());
            } catch (RuntimeException e) {
                return session.stopped(e);
            }
            return session.finish(null);
        }
    }

    /** Many clients: see {@link FleetCommand}. Bad input (the recipe, the list of clients) is refused before any client is touched. */
    private int fleet(FleetCommand.Request request) {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            var r = request.withRecipe(RecipeFiles.locate(recipe, err));
            boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
            return FleetCommand.run(r, RecipeFiles.runner(), out, err, terminal);
        } catch (RecipeException | BadInputException e) {
            Failure f = Failure.of(e, request.options().verbose());
            return refuse(f.message());
        }
    }

    private int refuse(String message) {
        var err = spec.commandLine().getErr();
        err.println("prestage: " + message);
        err.flush();
        return 2;
    }

    private int help() {
        var out = spec.commandLine().getOut();
        spec.commandLine().usage(out);
        if (recipe == null) return Outcome.EXIT_DONE;
        try {
            var loaded = RecipeFiles.runner().load(RecipeFiles.locate(recipe), params);
            out.println();
            out.println(ParameterHelp.text(loaded));
            out.flush();
            return Outcome.EXIT_DONE;
        } catch (RecipeException | BadInputException e) {
            Failure f = Failure.of(e, false);
            spec.commandLine().getErr().println("prestage: " + f.message());
            spec.commandLine().getErr().flush();
            return f.exit();
        }
    }

    /** The parameters section of {@code run RECIPE --help}. */
    static final class ParameterHelp {
        private ParameterHelp() {
        }

        static String text(RecipeRunner.Loaded loaded) {
            var main = loaded.main();
            var sb = new StringBuilder();
            sb.append(main.source().fileName()).append(" (").append(main.source().path().toAbsolutePath()).append(")\n");
            if (!main.facts().description().isEmpty()) sb.append("  ").append(main.facts().description()).append('\n');
            var rows = new LinkedHashMap<String, String>();
            for (RecipeFacts.Declared d : loaded.declared()) {
                String how = d.required() ? "required" : d.fallback() != null ? "default: " + d.fallback() : "optional";
                rows.put(d.name(), (d.description().isEmpty() ? "" : d.description() + " ") + "(" + how + ")");
            }
            for (RecipeFacts f : loaded.facts()) {
                for (RecipeFacts.Read r : f.reads()) {
                    if (rows.containsKey(r.name())) continue;
                    boolean optional = r.hasDefault() || f.tested().contains(r.name());
                    rows.put(r.name(), "(" + (optional ? "optional" : "required") + "; read in " + f.file() + ", line " + r.line() + ")");
                }
            }
            if (rows.isEmpty()) {
                sb.append("It takes no parameters.");
                return sb.toString();
            }
            sb.append("Parameters (-p NAME=VALUE):\n");
            int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            rows.forEach((name, about) -> sb.append("  ").append(String.format("%-" + width + "s", name)).append(about).append('\n'));
            return sb.toString().stripTrailing();
        }
    }
}
