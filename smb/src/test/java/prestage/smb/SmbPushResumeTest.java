package prestage.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.ClientSettings;
import prestage.core.client.Logon;
import prestage.core.client.open.Clients;
import prestage.core.client.StoreLock;
import prestage.core.client.StoreBusyException;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.PushVerb;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.testing.Smbd;
import prestage.smb.testing.LoopbackSmbd;
import prestage.smb.testing.SampleImages;

/** Push over SMB when the connection is cut mid-copy: the step fails, and the next run resumes from a checkpoint. */
class SmbPushResumeTest {
    private static final String STORE = "C:\\images";

    private static Step push(Client client, Path source) {
        return push(client, source, Progress.NONE);
    }

    private static Step push(Client client, Path source, Progress progress) {
        return new PushVerb(new Context(client, new Outcome(false), progress)).push(new PushRequest(List.of(source.toString()), STORE, PushOptions.DEFAULTS));
    }

    /** Progress that holds the push once {@code bytes} are copied: {@code reached} opens, and it goes on when {@code release} opens. */
    private static Progress holdAt(long bytes, CountDownLatch reached, CountDownLatch release) {
        var copied = new java.util.concurrent.atomic.AtomicLong();
        return (name, total) -> new Progress.Task() {
            @Override
            public void advance(long amount) {
                if (!name.startsWith("push to ") || copied.addAndGet(amount) < bytes || reached.getCount() == 0) return;
                reached.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void cutMidPushThenRerunResumes(@TempDir Path dir) throws Exception {
        Path source = SampleImages.random(dir.resolve("src/Big.ckm"), 200, 5).getParent();
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            Files.createDirectories(smbd.shareDir().resolve("images"));
            Path creds = LoopbackSmbd.credentialsFile(dir.resolve("creds"));

            Client first = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null)));
            // the push holds at 140 MiB copied until the connection is cut: the cut falls mid-push by an event, not a race
            var reached = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var running = CompletableFuture.supplyAsync(() -> push(first, source, holdAt(140L << 20, reached, release)));
            Path served = smbd.shareDir().resolve("images");
            try {
                while (!reached.await(100, TimeUnit.MILLISECONDS)) {
                    if (running.isDone()) fail("push ended before 140 MiB: " + running.get());
                }
                assertTrue(smbd.cutConnections() >= 1, "no connection to cut");
            } finally {
                release.countDown();
            }
            Step failed = running.get(120, TimeUnit.SECONDS);
            assertEquals(Status.FAILED, failed.status(), failed.toString());
            try {
                first.close();
            } catch (IOException | RuntimeException e) {
                // its connection is gone
            }

            try (Client second = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null)))) {
                Step resumed = push(second, source);
                assertEquals(Status.CHANGED, resumed.status(), resumed.toString());
                @SuppressWarnings("unchecked")
                var files = (List<Map<String, Object>>) resumed.data().get("files");
                assertEquals("resumed", files.get(0).get("action"), resumed.toString());
                assertTrue(((Number) files.get(0).get("resumedFrom")).longValue() >= (64L << 20), resumed.toString());
                assertEquals(Status.OK, push(second, source).status());
            }
            var sums = Smbd.exec(List.of("sh", "-c", "cd '" + served + "' && sha256sum -c SHA256SUMS"), null);
            assertEquals(0, sums.exitCode(), sums.stdout() + sums.stderr());
        }
    }

    @Test
    void storeLockIsExclusiveAndGoesWithTheSession(@TempDir Path dir) throws Exception {
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            Files.createDirectories(smbd.shareDir().resolve("images"));
            Path creds = LoopbackSmbd.credentialsFile(dir.resolve("creds"));
            try (Client a = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null))); Client b = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null)))) {
                var folder = a.path(STORE);
                StoreLock held = a.lock(folder, new StoreLock.Policy(false, m -> { }));
                var busy = org.junit.jupiter.api.Assertions.assertThrows(StoreBusyException.class,
                        () -> b.lock(folder, new StoreLock.Policy(false, m -> { })));
                assertTrue(busy.getMessage().contains("C:\\images"), busy.getMessage());
                assertTrue(Files.exists(smbd.shareDir().resolve("images").resolve(StoreLock.FILE_NAME)));
                held.close();
                assertTrue(!Files.exists(smbd.shareDir().resolve("images").resolve(StoreLock.FILE_NAME)), "deleted as it is let go");
                b.lock(folder, new StoreLock.Policy(false, m -> { })); // taken, and left to the session to drop
            }
            // the lock goes with the session (a lock file left behind holds no lock, as locally after a kill: the
            // byte-range lock a run over SMB takes is what a local run on the served folder meets; docs/safety.md)
            try (Client c = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null)))) {
                c.lock(c.path(STORE), new StoreLock.Policy(false, m -> { })).close();
            }
            assertTrue(!Files.exists(smbd.shareDir().resolve("images").resolve(StoreLock.FILE_NAME)), "deleted as it is let go");
        }
    }

    private static long partSize(Path served) throws IOException {
        try (var s = Files.list(served)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().contains("part"))
                    .mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
    }
}
