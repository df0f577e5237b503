package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.client.open.Clients;

/**
 * kill -9 at random points of the copy (fixed seeds; the point is a byte count the child reports, so a slow or
 * busy machine moves the moment but not the point), then push again until it finishes. Meanwhile a watcher reads
 * every file that appears under a final name, and the manifest: neither may ever show a partial copy.
 */
class PushKillTest {
    private static final long[] SEEDS = {11, 23, 37, 41, 53, 67};
    /** Slow enough (a pause per 64 KiB block) that a kill lands inside a copy. */
    private static final CopyTuning SLOW = new CopyTuning(64 << 10, 4, 256 << 10, 3);

    @TempDir
    Path tmp;

    @Test
    void killedPushesResumeAndNeverShowAPartialFile() throws Exception {
        Path src = tmp.resolve("src");
        var expected = new TreeMap<String, String>();
        for (var f : Map.of("Big.ckm", 5L << 20, "Big.ckm.index", 70_000L, "Small.ckm", (2L << 20) + 333, "Small.ckm.index", 0L).entrySet()) {
            expected.put(f.getKey(), Fixtures.sha256(Fixtures.randomFile(src.resolve(f.getKey()), f.getValue(), f.getKey().hashCode())));
        }
        long total = 0;
        for (String n : expected.keySet()) total += Files.size(src.resolve(n));
        var resumed = new ArrayList<String>();
        int kills = 0;
        for (long seed : SEEDS) {
            Path store = tmp.resolve("store-" + seed);
            var random = new Random(seed);
            var watcher = new Watcher(store, expected);
            watcher.start();
            try {
                for (int attempt = 0; ; attempt++) {
                    boolean kill = attempt < 3;
                    var run = runPush(src, store, kill ? 1 + (long) (random.nextDouble() * (total / 2)) : -1); // a resumed run has less left to copy
                    if (run.killed) {
                        kills++;
                        continue;
                    }
                    assertEquals(0, run.exit, "seed " + seed + ": the push that was let finish succeeded:\n" + run.out);
                    run.out.lines().filter(l -> l.contains("resumes an interrupted copy")).forEach(resumed::add);
                    break;
                }
            } finally {
                watcher.stop();
            }
            assertEquals(List.of(), watcher.violations, "seed " + seed);
            assertTrue(watcher.looks > 0, "the watcher looked");
            assertFinalState(src, store, expected);
        }
        System.out.println(kills + " kills; resumed: " + resumed);
        assertTrue(kills >= SEEDS.length * 2, "most runs were killed (" + kills + ")");
        assertTrue(resumed.stream().anyMatch(l -> !l.contains(": 0 B kept")), "some copy resumed after checked chunks: " + resumed);
    }

    /**
     * Killed at the batched commit points: after a rename whose manifest save has not come yet (the first file, a later
     * one, several of one batch) and between two batches. The rerun finds the renamed files whole under their names,
     * hashes them and records them; it copies none of them again.
     */
    @Test
    void killedAtACommitPointTheRerunRecordsWhatWasRenamedWithoutCopyingIt() throws Exception {
        Path src = tmp.resolve("src");
        var expected = new TreeMap<String, String>();
        expected.put("Big.ckm", Fixtures.sha256(Fixtures.randomFile(src.resolve("Big.ckm"), (1L << 20) + 77, 5)));
        for (int i = 0; i < 12; i++) {
            String n = String.format("s%02d.ckm", i);
            expected.put(n, Fixtures.sha256(Fixtures.randomFile(src.resolve(n), 10_000 + 100 * i, i)));
        }
        var fast = new CopyTuning(64 << 10, 4, 256 << 10, 0);
        String[][] cases = {{"0", "renamed:1"}, {"0", "renamed:5"}, {"0", "saved:3"}, {"200000000", "renamed:9"}};
        for (String[] c : cases) {
            Path store = tmp.resolve("store-" + c[1].replace(':', '-') + "-" + c[0]);
            var env = Map.of("PRESTAGE_TEST_COMMIT_NANOS", c[0], "PRESTAGE_TEST_PAUSE_AT", c[1]);
            String killed = runPausedAndKill(src, store, fast, env);
            var renamed = killed.lines().filter(l -> l.startsWith("EVENT renamed ")).map(l -> l.substring(14)).toList();
            int lastSave = killed.lines().toList().lastIndexOf("EVENT saved");
            var lines = killed.lines().toList();
            var unsaved = lines.subList(lastSave + 1, lines.size()).stream().filter(l -> l.startsWith("EVENT renamed "))
                    .map(l -> l.substring(14)).toList();
            assertTrue(!unsaved.isEmpty() || c[1].startsWith("saved"), c[1] + ": killed with renamed files not yet saved:\n" + killed);
            for (String n : renamed) assertTrue(Files.exists(store.resolve(n)), n + " is under its name after the kill");

            var run = runPush(src, store, -1);
            assertEquals(0, run.exit, c[1] + ": the rerun succeeded:\n" + run.out);
            for (String n : renamed) {
                assertTrue(run.out.lines().noneMatch(l -> l.startsWith("+ " + n + " (") || l.startsWith("~ " + n + " (")),
                        c[1] + ": " + n + " was whole under its name and is not copied again:\n" + run.out);
            }
            for (String n : unsaved) {
                assertTrue(run.out.contains("~ " + n + ": already in place, recorded in SHA256SUMS"), c[1] + ": " + n + " re-hashed and recorded:\n"
                        + run.out);
            }
            assertFinalState(src, store, expected);
        }
    }

    /** Starts a push that pauses at a commit point, and kills it there (SIGKILL). Returns what it printed. */
    private String runPausedAndKill(Path src, Path store, CopyTuning tuning, Map<String, String> env) throws Exception {
        var pb = Jvm.push(List.of(), tuning, 1, store, List.of(src));
        pb.environment().putAll(env);
        Process p = pb.start();
        var out = new StringBuilder();
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.append(line).append('\n');
                if (line.equals("PAUSED")) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                    return out.toString();
                }
            }
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
        fail("the push never reached " + env + ":\n" + out);
        return null;
    }

    private void assertFinalState(Path src, Path store, Map<String, String> expected) throws Exception {
        var names = new ArrayList<>(expected.keySet());
        names.add(Manifest.SUMS);
        names.add(Manifest.SIDECAR);
        names.sort(null);
        assertEquals(names, Fixtures.names(store), "no part, journal or temporary file is left");
        for (String n : expected.keySet()) assertArrayEquals(Files.readAllBytes(src.resolve(n)), Files.readAllBytes(store.resolve(n)), n);
        var check = Fixtures.runOk(store, "sha256sum", "-c", "--strict", Manifest.SUMS);
        assertEquals(expected.size(), check.out().lines().filter(l -> l.endsWith(": OK")).count(), check.out());
        Context ctx = new Context(Clients.open(null, null), new Outcome(false), Progress.NONE);
        assertEquals(Status.OK, new VerifyVerb(ctx).verify(new VerifyRequest(store.toString(), false)).status());
    }

    private record Run(boolean killed, int exit, String out) {
    }

    /** @param killAtBytes kill the child once it reports this many bytes copied; negative: let it finish */
    private Run runPush(Path src, Path store, long killAtBytes) throws Exception {
        Process p = Jvm.push(List.of(), SLOW, 2, store, List.of(src)).start();
        var out = new StringBuilder();
        var ready = new CountDownLatch(1);
        var reached = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) ready.countDown();
                    if (killAtBytes >= 0 && line.startsWith("COPIED ") && Long.parseLong(line.substring(7)) >= killAtBytes) reached.countDown();
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        reader.start();
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) fail("the push JVM did not start: " + out);
            if (killAtBytes >= 0 && awaitEither(reached, p) && p.isAlive()) {
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                p.waitFor(30, TimeUnit.SECONDS);
                reader.join(10_000);
                return new Run(true, -1, out.toString());
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the push did not finish: " + out);
            }
            reader.join(10_000);
            synchronized (out) {
                return new Run(false, p.exitValue(), out.toString());
            }
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
    }

    /** True when the latch opened before the process ended (or 120 s passed). */
    private static boolean awaitEither(CountDownLatch latch, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (latch.await(5, TimeUnit.MILLISECONDS)) return true;
            if (!p.isAlive()) return false;
        }
        return false;
    }

    /** Reads whatever is under a final name, over and over; records every file or manifest line that is not whole. */
    private static final class Watcher implements Runnable {
        private final Path store;
        private final Map<String, String> expected;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread = new Thread(this, "watcher");
        final List<String> violations = new CopyOnWriteArrayList<>();
        volatile int looks;

        Watcher(Path store, Map<String, String> expected) {
            this.store = store;
            this.expected = expected;
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    look();
                } catch (IOException e) {
                    violations.add("watcher failed: " + e);
                }
            }
        }

        private void look() throws IOException {
            looks++;
            for (String name : Fixtures.names(store)) {
                if (name.startsWith(".")) continue; // parts, journals, temporary manifests: not final names
                try {
                    if (name.equals(Manifest.SUMS)) {
                        checkSums(Files.readString(store.resolve(name)));
                    } else if (name.equals(Manifest.SIDECAR)) {
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.resolve(name).toFile());
                    } else if (!expected.containsKey(name)) {
                        violations.add("unexpected file " + name);
                    } else if (!Fixtures.sha256(store.resolve(name)).equals(expected.get(name))) {
                        violations.add(name + " is under its final name but not whole (" + Files.size(store.resolve(name)) + " bytes)");
                    }
                } catch (NoSuchFileException replacedMeanwhile) {
                    // renamed over between listing and reading: the next look sees the new one
                } catch (IOException e) {
                    violations.add(name + ": " + e);
                }
            }
        }

        private void checkSums(String sums) {
            for (String line : sums.lines().toList()) {
                String name = line.length() > 66 ? line.substring(66) : "?";
                if (!line.matches("[0-9a-f]{64}  .+") || !line.substring(0, 64).equals(expected.get(name))) {
                    violations.add("SHA256SUMS has '" + line + "'");
                }
            }
        }
    }
}
