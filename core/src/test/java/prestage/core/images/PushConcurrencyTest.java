package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.client.open.Clients;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/**
 * Two processes pushing into one folder, and a push stopped by the user: the store lock keeps bytes and manifest in
 * step (sha256sum -c is the judge), and a stop keeps what was written for the next run to resume.
 */
@EnabledOnOs(OS.LINUX)
class PushConcurrencyTest {
    @TempDir
    Path tmp;

    /** A pause per block: the copy takes a while. */
    private static final CopyTuning SLOW = new CopyTuning(64 << 10, 4, 256 << 10, 2);

    @Test
    void twoPushesOfDifferentContentUnderOneNameNeverLeaveBytesTheManifestDenies() throws Exception {
        Path a = Fixtures.randomFile(tmp.resolve("a").resolve("Same.ckm"), 3 << 20, 1);
        Path b = Fixtures.randomFile(tmp.resolve("b").resolve("Same.ckm"), (3 << 20) + 12345, 2);
        String shaA = sha(a);
        String shaB = sha(b);
        for (int round = 0; round < 3; round++) {
            Path store = tmp.resolve("store" + round);
            Path letGo = tmp.resolve("let-go-" + round);
            // the first holds the lock mid-copy until the second says it is waiting for it: they overlap by events
            var firstRun = Jvm.push(List.of(), SLOW, 1, store, List.of(a));
            firstRun.environment().put("PRESTAGE_TEST_HOLD_UNTIL", letGo.toString());
            Process first = firstRun.start();
            Process second = null;
            String outFirst;
            String outSecond;
            try {
                var firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
                String seen = readUntil(firstOut, "HOLDING");
                second = Jvm.push(List.of(), SLOW, 1, store, List.of(b)).start();
                var secondOut = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
                String waited = readUntil(secondOut, "WARNING ");
                assertTrue(waited.contains("is in use by another prestage run (") && waited.contains("waiting for it to finish"),
                        "the second push did not wait for the first's lock:\n" + waited);
                Files.createFile(letGo);
                outFirst = seen + firstOut.lines().collect(Collectors.joining("\n"));
                outSecond = waited + secondOut.lines().collect(Collectors.joining("\n"));
                assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS));
            } finally {
                first.destroyForcibly();
                if (second != null) second.destroyForcibly();
            }
            assertEquals(0, first.exitValue(), outFirst);
            assertEquals(0, second.exitValue(), outSecond);
            // both succeeded, one after the other: the file and the manifest agree, and hold the second's version
            Fixtures.runOk(store, "sha256sum", "-c", "--strict", "SHA256SUMS");
            String there = sha(store.resolve("Same.ckm"));
            assertEquals(shaB, there, "round " + round + ": the push that waited went last");
            assertTrue(Files.readString(store.resolve("SHA256SUMS")).startsWith(there), "round " + round);
            assertEquals(List.of("SHA256SUMS", "SHA256SUMS.prestage.json", "Same.ckm"), Fixtures.names(store),
                    "no part, journal or lock left (round " + round + ")");
        }
    }

    @Test
    void aPushStoppedByTheUserKeepsWhatItWroteAndTheNextOneResumes() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), 4 << 20, 3);
        Path store = tmp.resolve("store");
        var copied = new AtomicLong();
        var runner = new AtomicReference<Thread>();
        Progress stopAfterAFewChunks = (name, total) -> new Progress.Task() {
            @Override
            public void advance(long amount) {
                if (name.startsWith("push to ") && copied.addAndGet(amount) > 5L * SLOW.chunkSize()) runner.get().interrupt();
            }

            @Override
            public void close() {
            }
        };
        var stopped = new AtomicReference<Step>();
        Thread t = new Thread(() -> stopped.set(new PushVerb(new Context(Clients.open(null, null), new Outcome(false), stopAfterAFewChunks), SLOW)
                .push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS))));
        runner.set(t);
        t.start();
        t.join(120_000);
        assertEquals(Status.FAILED, stopped.get().status(), stopped.get().message());
        assertTrue(stopped.get().message().contains("interrupted"), stopped.get().message());
        assertTrue(Files.exists(store.resolve(".Big.ckm" + StoreFiles.PART)), "the part stays, as after a kill");
        assertTrue(Files.exists(store.resolve(".Big.ckm" + StoreFiles.JOURNAL)), "with its checkpoints");
        assertTrue(Files.notExists(store.resolve(".prestage-lock")), "the lock is let go");

        Step again = new PushVerb(new Context(Clients.open(null, null), new Outcome(false), Progress.NONE), SLOW)
                .push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));
        assertEquals(Status.CHANGED, again.status(), again.message());
        assertTrue(again.diff().get(0).matches("\\+ Big\\.ckm \\(4\\.2 MB, resumes an interrupted copy: [1-9][0-9.]* [kM]B kept after checking\\)"),
                again.diff().toString());
        Fixtures.runOk(store, "sha256sum", "-c", "--strict", "SHA256SUMS");
    }

    /** The lines read up to and including the first that starts with {@code start}; fails at the end of the output. */
    private static String readUntil(BufferedReader out, String start) throws IOException {
        var seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith(start)) return seen.toString();
        }
        throw new AssertionError("no line starting '" + start + "' in:\n" + seen);
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
