package prestage.core.images;

import java.util.Arrays;
import java.util.List;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;
import prestage.core.client.open.Clients;

/**
 * A push in a JVM of its own, for tests that kill it or run it with fewer privileges.
 * Arguments: CHUNK BUFFER DELAY_MS JOBS TO SOURCE... Prints READY before pushing, {@code COPIED n} as the bytes
 * copied so far grow (so a test can kill it at a point of the copy, not of the clock), then the step; exits with
 * the outcome's code. With {@code PRESTAGE_TEST_COMMIT_NANOS} the manifest is saved at that interval; with
 * {@code PRESTAGE_TEST_PAUSE_AT=EVENT:N} (EVENT is {@code renamed} or {@code saved}) it prints {@code PAUSED} at the
 * N-th such commit point and waits there, to be killed. With {@code PRESTAGE_TEST_HOLD_UNTIL=FILE} it prints
 * {@code HOLDING} at its first copied bytes (the store lock held) and goes on only once FILE exists. Warnings are
 * printed as they come ({@code WARNING ...}), so a test sees a push wait for the lock.
 */
public final class PushMain {
    private PushMain() {
    }

    private static void pauseAt(String event, int nth) {
        var seen = new java.util.concurrent.atomic.AtomicInteger();
        ManifestCommits.events = e -> {
            synchronized (System.out) {
                System.out.println("EVENT " + e);
                System.out.flush();
            }
            if (e.split(" ")[0].equals(event) && seen.incrementAndGet() == nth) {
                synchronized (System.out) {
                    System.out.println("PAUSED");
                    System.out.flush();
                }
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static void hold(java.nio.file.Path until) {
        synchronized (System.out) {
            System.out.println("HOLDING");
            System.out.flush();
        }
        try {
            while (!java.nio.file.Files.exists(until)) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        var tuning = new CopyTuning(Integer.parseInt(args[1]), 4, Long.parseLong(args[0]), Long.parseLong(args[2]));
        String interval = System.getenv("PRESTAGE_TEST_COMMIT_NANOS");
        if (interval != null) tuning = tuning.withCommitInterval(Long.parseLong(interval));
        String pauseAt = System.getenv("PRESTAGE_TEST_PAUSE_AT");
        if (pauseAt != null) pauseAt(pauseAt.substring(0, pauseAt.indexOf(':')), Integer.parseInt(pauseAt.substring(pauseAt.indexOf(':') + 1)));
        int jobs = Integer.parseInt(args[3]);
        String to = args[4];
        List<String> sources = Arrays.asList(args).subList(5, args.length);
        var copied = new java.util.concurrent.atomic.AtomicLong();
        String holdUntil = System.getenv("PRESTAGE_TEST_HOLD_UNTIL");
        Progress progress = (name, total) -> new Progress.Task() {
            @Override
            public void advance(long amount) {
                if (!name.startsWith("push to ")) return; // per-file tasks repeat what the overall one counts
                long now = copied.addAndGet(amount);
                if (holdUntil != null && now == amount) hold(java.nio.file.Path.of(holdUntil));
                synchronized (System.out) {
                    System.out.println("COPIED " + now);
                    System.out.flush();
                }
            }

            @Override
            public void close() {
            }
        };
        var outcome = new Outcome(false);
        outcome.onWarning(w -> {
            synchronized (System.out) {
                System.out.println("WARNING " + w);
                System.out.flush();
            }
        });
        var ctx = new Context(Clients.open(null, null), outcome, progress);
        System.out.println("READY");
        System.out.flush();
        try {
            Step step = new PushVerb(ctx, tuning).push(new PushRequest(sources, to, new PushOptions(List.of(), jobs, false)));
            System.out.println(step.status().label() + ": " + step.message());
            step.diff().forEach(System.out::println);
            System.out.flush();
            System.exit(ctx.outcome().exitCode());
        } catch (BadInputException e) {
            System.out.println("bad input: " + e.getMessage());
            System.exit(Outcome.EXIT_BAD_INPUT);
        }
    }
}
