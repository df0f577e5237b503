package prestage.shell.fleet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import prestage.core.BadInputException;
import prestage.core.images.SharedSourceReads;
import prestage.core.images.SourceReads;
import prestage.dsl.RecipeRunner;
import prestage.shell.run.GlobalOptions;

/**
 * {@code prestage run RECIPE} over many clients: gathers them (repeated {@code --target}, {@code --targets FILE},
 * {@code --inventory INV [--limit PATTERN]}, or {@code --retry-failed RESULTS}), runs the recipe against each,
 * {@code forks} at a time, and ends with the recap (or, with {@code --json}, one document with a section per client).
 */
public final class FleetCommand {
    public static final int DEFAULT_FORKS = 5;
    /**
     * The most clients at a time on any machine: each holds threads (its push's stages and files), sockets (SMB, winreg)
     * and copy buffers while it pushes; 64 of them is already more than a 2-core admin machine keeps busy. A process that
     * may open fewer files or hold less direct memory runs fewer ({@link ForksBound}).
     */
    public static final int MAX_FORKS = ForksBound.MOST;

    /** What the command line asked for; {@code options} are the global ones (what-if, --json, -v, --no-wait, credentials...). */
    public record Request(Path recipe, Map<String, String> params, Path targetsFile, String inventory, String limit, int forks,
                          Path retryFailed, GlobalOptions options, boolean sharedReads, Path results) {
        /** Whether this is a fleet run at all: more than one client, a list of clients from somewhere, or a results file to keep. */
        public boolean fleet() {
            return options.targetSpecs().size() > 1 || targetsFile != null || inventory != null || retryFailed != null || results != null;
        }

        public Request withRecipe(Path path) {
            return new Request(path, params, targetsFile, inventory, limit, forks, retryFailed, options, sharedReads, results);
        }
    }

    private FleetCommand() {
    }

    /** Gathers the clients; bad input (a bad file line, a host pattern that matches nothing) is thrown before any client is touched. */
    public static List<FleetMember> members(Request r) {
        return members(r, new PrintWriter(PrintWriter.nullWriter()));
    }

    /** As {@link #members(Request)}; warnings (a retry of another recipe's results) go to {@code err}. */
    static List<FleetMember> members(Request r, PrintWriter err) {
        if (r.forks() < 1) throw new BadInputException("--forks " + r.forks() + ": give 1 or more clients at a time");
        prestage.core.client.local.LocalClients.checkRegistry(r.options().registry()); // a bad --registry before any client is touched
        if (r.limit() != null && r.inventory() == null) throw new BadInputException("--limit works with --inventory; give the inventory too");
        var members = new ArrayList<FleetMember>();
        if (r.retryFailed() != null) {
            if (!r.options().targetSpecs().isEmpty() || r.targetsFile() != null || r.inventory() != null) {
                throw new BadInputException("--retry-failed takes its clients from " + r.retryFailed() + "; leave out --target, --targets and --inventory");
            }
            RetryFile.Retry retry = RetryFile.read(r.retryFailed());
            warnOtherRecipe(r, retry, err);
            members.addAll(retry.unfinished());
        } else {
            r.options().targetSpecs().forEach(t -> members.add(FleetMember.of(t)));
            if (r.targetsFile() != null) members.addAll(TargetsFile.read(r.targetsFile()));
            if (r.inventory() != null) members.addAll(AnsibleInventory.read(r.inventory(), r.limit()));
        }
        var names = new HashMap<String, FleetMember>();
        var clients = new HashMap<ClientIdentity, FleetMember>();
        for (FleetMember m : members) {
            if (names.putIfAbsent(m.name(), m) != null) throw new BadInputException("client '" + m.name() + "' is listed twice; list each client once");
            FleetMember before = clients.putIfAbsent(ClientIdentity.of(m.target()), m);
            if (before != null) {
                throw new BadInputException("'" + m.name() + "' and '" + before.name() + "' are the same client (" + ClientIdentity.of(m.target())
                        + "); two runs on one client at once would fight over its files: list it once");
            }
        }
        return members;
    }

    private static void warnOtherRecipe(Request r, RetryFile.Retry retry, PrintWriter err) {
        if (retry.recipe() == null || r.recipe() == null) return;
        boolean samePath = sameFile(Path.of(retry.recipe()), r.recipe());
        boolean sameText = retry.recipeSha256() == null || retry.recipeSha256().equals(sha256(r.recipe()));
        if (samePath && sameText) return;
        String what = !samePath ? "of the recipe " + retry.recipe() : "of " + retry.recipe() + " as it was then (it has changed since)";
        err.println("prestage: warning: --retry-failed " + r.retryFailed() + " holds the results " + what + "; its unfinished clients are run with "
                + r.recipe() + " now");
        err.flush();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** The recipe's SHA-256, so a retry can tell whether it still runs the same recipe; null when it cannot be read. */
    static String sha256(Path recipe) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(recipe)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** At most what this process can hold at a time ({@link ForksBound}, never above {@link #MAX_FORKS}), and never more than there are clients. */
    static int forks(Request r, int clients, PrintWriter err) {
        return forks(r, clients, ForksBound.ofThisProcess(), err);
    }

    static int forks(Request r, int clients, ForksBound bound, PrintWriter err) {
        int most = bound.most();
        if (r.forks() > most) {
            err.println("prestage: warning: --forks " + r.forks() + " is more than this machine can hold (" + bound.why() + "); running "
                    + most + " clients at a time");
            err.flush();
        }
        return Math.max(1, Math.min(Math.min(r.forks(), most), clients));
    }

    /**
     * Runs the fleet and prints: step lines and progress while it runs, then the recap, or the JSON document on {@code out}.
     *
     * @return the exit status: the worst client's
     */
    public static int run(Request r, RecipeRunner runner, PrintWriter out, PrintWriter err, boolean terminal) {
        GlobalOptions options = r.options();
        List<FleetMember> members = members(r, err);
        PrintWriter human = options.json() ? err : out;
        if (r.results() != null) {
            var params = new ArrayList<Map<String, String>>();
            params.add(r.params());
            new LinkedHashSet<>(members.stream().map(FleetMember::params).toList()).forEach(params::add);
            ResultsTarget.check(r.results(), ResultsTarget.inputs(r.recipe(), r.targetsFile(), r.inventory(), params));
        }
        if (members.isEmpty()) {
            human.println("every client in " + r.retryFailed() + " finished; nothing to retry");
            if (options.json()) out.println(FleetReport.json(r.recipe().toString(), options.whatIf(), r.forks(), List.of(), null, 0));
            human.flush();
            out.flush();
            return 0;
        }
        int forks = forks(r, members.size(), err);
        // compiled and checked once, before any client is touched: a recipe that does not compile changes nothing
        var loads = new ConcurrentHashMap<Map<String, String>, RecipeRunner.Loaded>();
        loads.put(Map.copyOf(r.params()), runner.load(r.recipe(), r.params()));
        // written before the first client starts: a file that cannot be written is refused with nothing changed
        ResultsFile journal = r.results() == null ? null
                : ResultsFile.create(r.results(), r.recipe().toString(), sha256(r.recipe()), options.whatIf(), forks, members);
        var run = new FleetRun(runner, params -> loads.computeIfAbsent(Map.copyOf(params), p -> runner.load(r.recipe(), p)),
                r.params(), options, forks, journal != null, options.json());
        List<ClientResult> results;
        // one read of each image block for all the clients copying it at once (process-wide: this run is the process's command)
        SharedSourceReads reads = r.sharedReads() ? SharedSourceReads.standard(run::running) : null;
        if (reads != null) SourceReads.install(reads);
        // the C library's free memory back to the system while the clients come and go (see NativeHeapTrim)
        NativeHeapTrim trim = NativeHeapTrim.every(1_000);
        try (FleetDisplay display = terminal && !options.json()
                ? new FleetBoard(out, err, options.whatIf(), members.size(), FleetBoard.terminalWidth(), 200)
                : new PlainFleetLines(human, err, options.whatIf(), !options.json(), 2_000)) {
            results = run.run(members, display, journal != null ? journal : FleetRun.Listener.NONE);
        } catch (RuntimeException | Error e) {
            if (journal != null) journal.close(); // what the clients wrote is on the disk for --retry-failed
            throw e;
        } finally {
            trim.close();
            if (reads != null) SourceReads.reset();
        }
        int exit = FleetRun.exitCode(results);
        human.println(FleetReport.recap(results));
        if (reads != null && reads.bytesDelivered() > 0) human.println(FleetReport.sourceReads(reads));
        if (journal != null) {
            journal.end(FleetReport.byState(results), reads == null ? null : FleetReport.sourceReadCounts(reads), exit);
            if (journal.failure() != null) {
                err.println("prestage: warning: --results " + r.results() + " could not be kept up to date (" + journal.failure().getMessage()
                        + "); the run went on without it");
            }
        }
        if (options.json()) out.println(FleetReport.json(r.recipe().toString(), options.whatIf(), forks, results, reads, exit));
        human.flush();
        out.flush();
        return exit;
    }
}
