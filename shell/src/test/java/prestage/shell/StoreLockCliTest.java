package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.core.client.StoreLock;

/** A store held by another run: push waits (saying who holds it) or, with --no-wait, fails at once and changes nothing. */
@EnabledOnOs(OS.LINUX)
class StoreLockCliTest {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @TempDir
    Path dir;

    @Test
    void aHeldStoreMakesPushWaitOrFailWithNoWait() throws Exception {
        Path client = Files.createDirectories(dir.resolve("client").resolve("MED-V Images").resolve("PrestagedImages")).getParent().getParent();
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("A.ckm"), new byte[300_000]);
        Files.write(src.resolve("A.ckm.index"), new byte[3_000]);
        Client c = Clients.open(client.toString(), null);
        StoreLock held = c.lock(c.path(STORE), StoreLock.Policy.WAIT_QUIETLY);
        try {
            var failed = prestage("push", src.toString(), "--to", STORE, "--target", client.toString(), "--no-wait");
            assertEquals(1, failed.exit(), failed.out() + failed.err());
            assertTrue(failed.out().contains("is in use by another prestage run (pid " + ProcessHandle.current().pid() + " on "), failed.out());
            assertTrue(failed.out().contains("nothing was copied"), failed.out());
            try (var names = Files.list(client.resolve("MED-V Images").resolve("PrestagedImages"))) {
                assertEquals(java.util.List.of(".prestage-lock"), names.map(p -> p.getFileName().toString()).toList(), "only the holder's lock");
            }
            var json = prestage("push", src.toString(), "--to", STORE, "--target", client.toString(), "--no-wait", "--json");
            assertEquals(1, new ObjectMapper().readTree(json.out()).get("exitCode").asInt(), json.out());

            var err = new java.io.StringWriter();
            var waiting = CompletableFuture.supplyAsync(() -> prestage(err, "push", src.toString(), "--to", STORE, "--target", client.toString()));
            // the event: the push says it waits (it does so when it finds the lock held), not a guess at how long it takes
            while (!err.toString().contains("waiting for it to finish") && !waiting.isDone()) Thread.sleep(10);
            assertTrue(!waiting.isDone(), "the second push waits for the holder: " + err);
            held.close();
            held = null;
            var done = waiting.get(60, TimeUnit.SECONDS);
            assertEquals(0, done.exit(), done.out() + done.err());
            assertTrue(done.err().contains("is in use by another prestage run") && done.err().contains("waiting for it to finish"), done.err());
        } finally {
            if (held != null) held.close();
        }
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS")
                .directory(client.resolve("MED-V Images").resolve("PrestagedImages").toFile()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), checked);
        assertTrue(Files.notExists(client.resolve("MED-V Images").resolve("PrestagedImages").resolve(".prestage-lock")));
    }
}
