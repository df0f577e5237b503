package prestage.shell.fleet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import prestage.core.BadInputException;
import prestage.core.client.ClientSettings;
import prestage.core.images.SourceReads;
import prestage.dsl.RecipeRunner;

/**
 * {@code prestage run RECIPE} over many clients: gathers them (repeated {@code --target}, {@code --targets FILE},
 * {@code --inventory INV [--limit PATTERN]}, or {@code --retry-failed RESULTS.json}), runs the recipe against each,
 * {@code forks} at a time, and ends with the recap (or, with {@code --json}, one document with a section per client).
 */
public final class FleetCommand {
    public static final int DEFAULT_FORKS = 5;

    /** What the command line asked for. */
    public record Request(Path recipe, Map<String, String> params, List<String> targets, Path targetsFile, String inventory,
                          String limit, int forks, Path retryFailed, String registry, boolean whatIf, boolean json, boolean verbose,
                          boolean sharedReads, Path results, ClientSettings settings) {
        /** Whether this is a fleet run at all: more than one client, a list of clients from somewhere, or a results file to keep. */
        public boolean fleet() {
            return targets.size() > 1 || targetsFile != null || inventory != null || retryFailed != null || results != null;
        }
    }

    private FleetCommand() {
    }

    /** Gathers the clients; bad input (a bad file line, a host pattern that matches nothing) is thrown before any client is touched. */
    public static List<FleetMember> members(Request r) {
        if (r.forks() < 1) throw new BadInputException("--forks " + r.forks() + ": give 1 or more clients at a time");
        if (r.limit() != null && r.inventory() == null) throw new BadInputException("--limit works with --inventory; give the inventory too");
        var members = new ArrayList<FleetMember>();
        if (r.retryFailed() != null) {
            if (!r.targets().isEmpty() || r.targetsFile() != null || r.inventory() != null) {
                throw new BadInputException("--retry-failed takes its clients from " + r.retryFailed() + "; leave out --target, --targets and --inventory");
            }
            members.addAll(RetryFile.unfinished(r.retryFailed()));
        } else {
            r.targets().forEach(t -> members.add(FleetMember.of(t)));
            if (r.targetsFile() != null) members.addAll(TargetsFile.read(r.targetsFile()));
            if (r.inventory() != null) members.addAll(AnsibleInventory.read(r.inventory(), r.limit()));
        }
        var names = new HashSet<String>();
        var targets = new HashSet<String>();
        var withRegistry = new ArrayList<FleetMember>();
        for (FleetMember m : members) {
            if (!names.add(m.name())) throw new BadInputException("client '" + m.name() + "' is listed twice; list each client once");
            if (!targets.add(m.target())) {
                throw new BadInputException("clients share the target " + m.target() + " ('" + m.name() + "'); two runs on one client at once would fight over its files");
            }
            withRegistry.add(m.registry() == null && r.registry() != null ? m.withRegistry(r.registry()) : m);
        }
        return withRegistry;
    }

    /**
     * Runs the fleet and prints: step lines and progress while it runs, then the recap, or the JSON document on {@code out}.
     *
     * @return the exit status: the worst client's
     */
    public static int run(Request r, RecipeRunner runner, PrintWriter out, PrintWriter err, boolean terminal) {
        List<FleetMember> members = members(r);
        PrintWriter human = r.json() ? err : out;
        if (members.isEmpty()) {
            human.println("every client in " + r.retryFailed() + " finished; nothing to retry");
            if (r.json()) out.println(FleetReport.json(r.recipe().toString(), r.whatIf(), r.forks(), List.of(), null, 0));
            human.flush();
            out.flush();
            return 0;
        }
        // compiled and checked once, before any client is touched: a recipe that does not compile changes nothing
        var loads = new ConcurrentHashMap<Map<String, String>, RecipeRunner.Loaded>();
        loads.put(Map.copyOf(r.params()), runner.load(r.recipe(), r.params()));
        // written before the first client starts: a file that cannot be written is refused with nothing changed
        ResultsFile resultsFile = r.results() == null ? null
                : ResultsFile.create(r.results(), r.recipe().toString(), r.whatIf(), r.forks(), members);
        var run = new FleetRun(runner, params -> loads.computeIfAbsent(Map.copyOf(params), p -> runner.load(r.recipe(), p)),
                r.params(), r.whatIf(), r.verbose(), r.forks(), r.settings());
        List<ClientResult> results;
        // one read of each image block for all the clients copying it at once (process-wide: this run is the process's command)
        SharedSourceReads reads = r.sharedReads() ? SharedSourceReads.standard(run::running) : null;
        if (reads != null) SourceReads.install(reads);
        try (FleetDisplay display = terminal && !r.json()
                ? new FleetBoard(out, err, r.whatIf(), members.size(), FleetBoard.terminalWidth(), 200)
                : new PlainFleetLines(human, err, r.whatIf(), !r.json(), 2_000)) {
            results = run.run(members, display, resultsFile != null ? resultsFile : FleetRun.Listener.NONE);
        } finally {
            if (reads != null) SourceReads.reset();
        }
        int exit = FleetRun.exitCode(results);
        human.println(FleetReport.recap(results));
        if (reads != null && reads.bytesDelivered() > 0) human.println(FleetReport.sourceReads(reads));
        String document = FleetReport.json(r.recipe().toString(), r.whatIf(), r.forks(), results, reads, exit);
        if (resultsFile != null) {
            resultsFile.complete(document);
            if (resultsFile.failure() != null) {
                err.println("prestage: warning: --results " + r.results() + " could not be kept up to date (" + resultsFile.failure().getMessage()
                        + "); the run went on without it");
            }
        }
        if (r.json()) out.println(document);
        human.flush();
        out.flush();
        return exit;
    }
}
