package prestage.shell.fleet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import prestage.core.verb.Context;
import prestage.core.operations.Operations;
import prestage.core.client.Client;
import prestage.core.client.ClientSettings;
import prestage.core.client.open.Clients;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.dsl.RecipeRunner;
import prestage.shell.run.Failure;
import prestage.shell.render.OutcomePrinter;
import prestage.shell.fleet.ClientResult.State;

/**
 * Runs one recipe against many clients, {@code forks} at a time. Each client gets its own client handle, outcome and
 * progress; whatever happens to one (it cannot be reached, a step fails, the recipe throws) is kept in its
 * {@link ClientResult} and never stops the others.
 */
public final class FleetRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecipeRunner runner;
    private final Function<Map<String, String>, RecipeRunner.Loaded> recipes;
    private final Map<String, String> commandLineParams;
    private final boolean whatIf;
    private final boolean verbose;
    private final int forks;
    private final AtomicInteger running = new AtomicInteger();
    /** The run's settings; each client's logon is its host variables over the command line's. */
    private final ClientSettings settings;

    /**
     * @param recipes the compiled recipe for a client's parameters (includes may be named by a parameter)
     */
    public FleetRun(RecipeRunner runner, Function<Map<String, String>, RecipeRunner.Loaded> recipes, Map<String, String> commandLineParams,
                    boolean whatIf, boolean verbose, int forks, ClientSettings settings) {
        this.settings = settings == null ? ClientSettings.DEFAULTS : settings;
        this.runner = runner;
        this.recipes = recipes;
        this.commandLineParams = Map.copyOf(commandLineParams);
        this.whatIf = whatIf;
        this.verbose = verbose;
        this.forks = forks;
    }

    /** A client's settings: the run's, with its own logon choices over the command line's. */
    ClientSettings settingsOf(FleetMember member) {
        return settings.withLogon(member.logon().over(settings.logon()));
    }

    /** A client's parameters: its host variables, overridden by {@code -p} (as Ansible's extra vars win). */
    public Map<String, String> paramsOf(FleetMember member) {
        var params = new LinkedHashMap<>(member.params());
        params.putAll(commandLineParams);
        return params;
    }

    /** Hears of each client as it starts and as it ends, from the thread that runs it. */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void started(FleetMember member) {
            }

            @Override
            public void finished(ClientResult result) {
            }
        };

        void started(FleetMember member);

        void finished(ClientResult result);
    }

    /** Runs every member; results come back in the members' order. */
    public List<ClientResult> run(List<FleetMember> members, FleetDisplay display) {
        return run(members, display, Listener.NONE);
    }

    /** Runs every member, telling {@code listener} as each starts and ends; results come back in the members' order. */
    public List<ClientResult> run(List<FleetMember> members, FleetDisplay display, Listener listener) {
        var threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, members.size()), r -> {
            var t = new Thread(r, "fleet-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<Future<ClientResult>>();
            for (FleetMember m : members) {
                futures.add(pool.submit(() -> {
                    listener.started(m);
                    ClientResult r = runOne(m, display);
                    listener.finished(r);
                    return r;
                }));
            }
            var results = new ArrayList<ClientResult>();
            for (int i = 0; i < members.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // runOne catches what a run throws; this is an Error (out of memory, a broken class path)
                    results.add(stopped(members.get(i), new Outcome(whatIf), null, e.getCause(), 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    results.add(stopped(members.get(i), new Outcome(whatIf), null, e, 0));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Clients whose run has started and not ended. */
    public int running() {
        return running.get();
    }

    ClientResult runOne(FleetMember member, FleetDisplay display) {
        running.incrementAndGet();
        try {
            return runOneCounted(member, display);
        } finally {
            running.decrementAndGet();
        }
    }

    private ClientResult runOneCounted(FleetMember member, FleetDisplay display) {
        long start = System.nanoTime();
        display.started(member);
        var outcome = new Outcome(whatIf);
        outcome.onStep(step -> display.step(member, step));
        outcome.onWarning(w -> display.warning(member, w));
        ClientResult result;
        Client client;
        try {
            client = Clients.open(member.target(), member.registry(), settingsOf(member));
        } catch (RuntimeException e) {
            result = unreachable(member, outcome, e, seconds(start));
            display.finished(result);
            return result;
        }
        try (client) {
            var params = paramsOf(member);
            var ops = new Operations(new Context(client, outcome, display.progress(member), settingsOf(member)));
            runner.run(recipes.apply(params), ops, params, display.out(member), whatIf);
            result = done(member, client, outcome, seconds(start));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // a recipe that recurses without end stops its client only
            result = stopped(member, outcome, client, e, seconds(start));
        }
        display.finished(result);
        return result;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private ClientResult done(FleetMember member, Client client, Outcome outcome, double seconds) {
        int exit = outcome.exitCode();
        State state = exit == Outcome.EXIT_FAILED ? State.FAILED
                : exit == Outcome.EXIT_DRIFT ? State.DRIFT
                : changed(outcome) ? State.CHANGED : State.OK;
        return new ClientResult(member, state, counts(outcome), seconds, firstFailedStep(outcome), exit,
                parse(OutcomePrinter.document("run", client, outcome, null, exit)));
    }

    private ClientResult stopped(FleetMember member, Outcome outcome, Client client, Throwable e, double seconds) {
        Failure f = Failure.of(e, verbose);
        // bad input promises nothing changed; once a step changed this client, it is a failure
        int exit = f.exit() == 2 && changed(outcome) ? 1 : f.exit();
        String first = firstFailedStep(outcome);
        return new ClientResult(member, State.FAILED, counts(outcome), seconds, first != null ? first : f.message(), exit,
                parse(OutcomePrinter.errorDocument("run", client, outcome, f.message(), exit)));
    }

    private ClientResult unreachable(FleetMember member, Outcome outcome, RuntimeException e, double seconds) {
        Failure f = Failure.of(e, verbose);
        var doc = new LinkedHashMap<String, Object>();
        doc.put("command", "run");
        doc.put("target", null);
        doc.put("error", f.message());
        doc.put("exitCode", Outcome.EXIT_FAILED);
        return new ClientResult(member, State.UNREACHABLE, counts(outcome), seconds, f.message(), Outcome.EXIT_FAILED, doc);
    }

    private boolean changed(Outcome outcome) {
        return !outcome.whatIf() && outcome.steps().stream().anyMatch(s -> s.status() == Status.CHANGED);
    }

    private static String firstFailedStep(Outcome outcome) {
        return outcome.steps().stream().filter(s -> s.status() == Status.FAILED).findFirst()
                .map(s -> s.verb() + " " + s.subject() + ": " + Failure.oneLine(s.message())).orElse(null);
    }

    private static Map<String, Integer> counts(Outcome outcome) {
        var counts = new LinkedHashMap<String, Integer>();
        outcome.counts().forEach((status, n) -> counts.put(status.label(), n));
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fleet's exit status: the worst client's. Bad input (2) only while no client was changed: that status promises nothing changed. */
    public static int exitCode(List<ClientResult> results) {
        boolean failed = results.stream().anyMatch(r -> r.exitCode() == Outcome.EXIT_FAILED);
        boolean badInput = results.stream().anyMatch(r -> r.exitCode() == Outcome.EXIT_BAD_INPUT);
        boolean drift = results.stream().anyMatch(r -> r.exitCode() == Outcome.EXIT_DRIFT);
        boolean anyChanged = results.stream().anyMatch(r -> r.counts().getOrDefault(Status.CHANGED.label(), 0) > 0
                && !Boolean.TRUE.equals(r.document().get("whatIf")));
        if (failed || badInput && anyChanged) return Outcome.EXIT_FAILED;
        if (badInput) return Outcome.EXIT_BAD_INPUT;
        if (drift) return Outcome.EXIT_DRIFT;
        return Outcome.EXIT_DONE;
    }
}
