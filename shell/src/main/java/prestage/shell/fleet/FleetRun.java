package prestage.shell.fleet;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import prestage.core.Progress;
import prestage.core.client.CredentialsRefused;
import prestage.core.client.open.Clients;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.dsl.RecipeRunner;
import prestage.shell.run.Failure;
import prestage.shell.run.GlobalOptions;
import prestage.shell.run.Session;
import prestage.shell.fleet.ClientResult.State;
import prestage.shell.render.OutcomePrinter;

/**
 * Runs one recipe against many clients, {@code forks} at a time. It builds no run of its own: each client is a
 * {@link Session} (the one way a run is built), opened with the run's options and the client's target, so
 * {@code --no-wait}, credentials and client settings mean what they mean for one client, and each client's exit status
 * is the one a run against it alone would have. Whatever happens to one client (it cannot be reached, a step fails, the
 * recipe throws) is kept in its {@link ClientResult} and never stops the others, with one exception: once a client
 * refuses the logon for the credentials themselves, the clients still to come that would use them are not attempted
 * (each failed logon counts toward a domain's lockout).
 */
public final class FleetRun {
    private final RecipeRunner runner;
    private final Function<Map<String, String>, RecipeRunner.Loaded> recipes;
    private final Map<String, String> commandLineParams;
    private final GlobalOptions options;
    private final int forks;
    private final boolean documents;
    private final boolean keepDocuments;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<String> credentialsRefusedBy = new AtomicReference<>();

    /**
     * @param recipes       the compiled recipe for a client's parameters (includes may be named by a parameter)
     * @param options       the run's options; each client gets them with its own target and registry
     * @param documents     whether each client's JSON document is made (for the results journal or --json)
     * @param keepDocuments whether it stays in the client's row after the listener saw it (--json prints them at the end)
     */
    public FleetRun(RecipeRunner runner, Function<Map<String, String>, RecipeRunner.Loaded> recipes, Map<String, String> commandLineParams,
                    GlobalOptions options, int forks, boolean documents, boolean keepDocuments) {
        this.runner = runner;
        this.recipes = recipes;
        this.commandLineParams = Map.copyOf(commandLineParams);
        this.options = options;
        this.forks = forks;
        this.documents = documents || keepDocuments;
        this.keepDocuments = keepDocuments;
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

    /**
     * Runs every member, telling {@code listener} as each starts and ends; results (summary rows, with their document
     * only if kept) come back in the members' order.
     */
    public List<ClientResult> run(List<FleetMember> members, FleetDisplay display, Listener listener) {
        var threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(forks, members.size())), r -> {
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
                    return keepDocuments ? r : r.summaryOnly();
                }));
            }
            var results = new ArrayList<ClientResult>();
            for (int i = 0; i < members.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // runOne catches what a run throws; this is an Error (out of memory, a broken class path)
                    results.add(failed(members.get(i), State.FAILED, Failure.of(e.getCause(), options.verbose()), 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    results.add(failed(members.get(i), State.FAILED, Failure.of(e, options.verbose()), 0));
                }
                futures.set(i, null); // what a finished client leaves behind is its row in results
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
        String refusedBy = credentialsRefusedBy.get();
        if (refusedBy != null && Clients.isRemote(member.target())) {
            return show(display, notAttempted(member, refusedBy));
        }
        Session session;
        try {
            session = Session.open("run", options.forClient(member.target(), member.registry(), member.logon()), shownOn(display, member));
        } catch (RuntimeException e) {
            if (e instanceof CredentialsRefused c) credentialsRefusedBy.compareAndSet(null, c.refusedBy());
            return show(display, unreachable(member, e, seconds(start)));
        }
        ClientResult result;
        try (session) {
            var params = paramsOf(member);
            runner.run(recipes.apply(params), session.verbs(), params, session.out(), options.whatIf());
            result = done(member, session, seconds(start));
        } catch (RuntimeException | StackOverflowError e) {
            // a recipe that recurses without end stops its client only
            result = stopped(member, session, e, seconds(start));
        }
        return show(display, result);
    }

    private static ClientResult show(FleetDisplay display, ClientResult result) {
        display.finished(result);
        return result;
    }

    /** The client's run as the fleet's display shows it. */
    private static Session.Display shownOn(FleetDisplay display, FleetMember member) {
        return new Session.Display() {
            private final PrintWriter out = display.out(member);

            @Override
            public void step(Step step) {
                display.step(member, step);
            }

            @Override
            public void warning(String warning) {
                display.warning(member, warning);
            }

            @Override
            public Progress progress() {
                return display.progress(member);
            }

            @Override
            public PrintWriter out() {
                return out;
            }
        };
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private ClientResult done(FleetMember member, Session session, double seconds) {
        Outcome outcome = session.outcome();
        int exit = outcome.exitCode();
        boolean changed = session.changedAnything();
        State state = exit == Outcome.EXIT_FAILED ? State.FAILED
                : exit == Outcome.EXIT_DRIFT ? State.DRIFT
                : changed ? State.CHANGED : State.OK;
        String doc = documents ? RunDocuments.text(OutcomePrinter.documentMap("run", session.target(), outcome, null, exit)) : null;
        return new ClientResult(member, state, counts(outcome), changed, seconds, firstFailedStep(outcome), exit, doc);
    }

    private ClientResult stopped(FleetMember member, Session session, Throwable e, double seconds) {
        Failure f = session.failure(e);
        Outcome outcome = session.outcome();
        String first = firstFailedStep(outcome);
        String doc = null;
        if (documents) {
            var map = OutcomePrinter.documentMap("run", session.target(), outcome, null, f.exit());
            map.put("error", f.message());
            doc = RunDocuments.text(map);
        }
        return new ClientResult(member, State.FAILED, counts(outcome), session.changedAnything(), seconds, first != null ? first : f.message(),
                f.exit(), doc);
    }

    private ClientResult unreachable(FleetMember member, RuntimeException e, double seconds) {
        return failed(member, State.UNREACHABLE, Failure.of(e, options.verbose()), seconds);
    }

    /** A client that could not be opened (unreachable), or whose run ended on an error of the JVM (failed). */
    private ClientResult failed(FleetMember member, State state, Failure f, double seconds) {
        return new ClientResult(member, state, Map.of(), false, seconds, f.message(), f.exit(),
                documents ? RunDocuments.error(f.message(), f.exit()) : null);
    }

    private ClientResult notAttempted(FleetMember member, String refusedBy) {
        // the exit status of the refused logon it would have met: bad input (the credentials), nothing changed
        String why = "not attempted: credentials refused by " + refusedBy;
        return new ClientResult(member, State.NOT_ATTEMPTED, Map.of(), false, 0, why, Outcome.EXIT_BAD_INPUT,
                documents ? RunDocuments.error(why, Outcome.EXIT_BAD_INPUT) : null);
    }

    private static String firstFailedStep(Outcome outcome) {
        return outcome.steps().stream().filter(s -> s.status() == Status.FAILED).findFirst()
                .map(s -> s.verb() + " " + s.subject() + ": " + Failure.oneLine(s.message())).orElse(null);
    }

    private static Map<String, Integer> counts(Outcome outcome) {
        var counts = new LinkedHashMap<String, Integer>();
        outcome.counts().forEach((status, n) -> counts.put(status.label(), n));
        return Map.copyOf(counts);
    }

    /** The fleet's exit status: the worst client's, by the same table as a single run ({@link Failure#worst}). */
    public static int exitCode(List<ClientResult> results) {
        return Failure.worst(results.stream().map(ClientResult::exitCode).toList(), results.stream().anyMatch(ClientResult::changed));
    }
}
