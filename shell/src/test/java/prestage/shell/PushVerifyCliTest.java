package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code prestage push} and {@code prestage verify} as docs/cli.md gives them, judged by sha256sum -c. */
@DisabledOnOs(OS.WINDOWS)
class PushVerifyCliTest {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @TempDir
    Path dir;
    Path client;
    Path src;
    Path store;



    private static void randomFile(Path file, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.write(file, data);
    }

    @BeforeEach
    void imagesAndAClient() throws IOException {
        client = Files.createDirectories(dir.resolve("client"));
        src = Files.createDirectories(dir.resolve("images"));
        store = client.resolve("MED-V Images").resolve("PrestagedImages");
        randomFile(src.resolve("Win7.ckm"), 3_000_000, 1);
        randomFile(src.resolve("Win7.ckm.index"), 20_000, 2);
        randomFile(src.resolve("readme.txt"), 10, 3);
    }

    private static String sha256sumCheck(Path dir) throws Exception {
        Process p = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void pushThenVerifyThenPushAgainIsOk() throws Exception {
        var first = prestage("push", src.toString(), "--to", STORE, "--target", client.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("changed  push     " + STORE + ": copied 2 files (3.0 MB) to " + STORE), first.out());
        assertTrue(first.out().contains("    + Win7.ckm (3.0 MB)\n"), first.out());
        assertFalse(Files.exists(store.resolve("readme.txt")), "not an image");
        assertArrayEquals(Files.readAllBytes(src.resolve("Win7.ckm")), Files.readAllBytes(store.resolve("Win7.ckm")));
        assertEquals("Win7.ckm: OK\nWin7.ckm.index: OK\n", sha256sumCheck(store));
        assertTrue(first.err().contains("Win7.ckm: 2.9 MiB / 2.9 MiB"), "progress lines go to stderr: " + first.err());

        var again = prestage("--target", client.toString(), "push", src.toString(), "--to", STORE);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("ok       push"), again.out());

        var verify = prestage("--target", client.toString(), "verify", STORE, "--read-only");
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().contains("2 of 2 files intact"), verify.out());
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("Win7.ckm"))));
    }

    @Test
    void aFlippedByteIsDriftWithTheChunkInHumanAndJsonOutput() throws Exception {
        assertEquals(0, prestage("--target", client.toString(), "push", src.toString(), "--to", STORE).exit());
        try (var raf = new RandomAccessFile(store.resolve("Win7.ckm").toFile(), "rw")) {
            raf.seek(2_999_999);
            int b = raf.read();
            raf.seek(2_999_999);
            raf.write(b ^ 1);
        }
        var human = prestage("--target", client.toString(), "verify", STORE);
        assertEquals(3, human.exit(), human.err());
        assertTrue(human.out().contains("~ Win7.ckm: content differs from chunk 0 of 1 on (first difference in bytes 0-2999999)"), human.out());

        var json = prestage("--target", client.toString(), "--json", "verify", STORE);
        assertEquals(3, json.exit());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("drift", doc.at("/steps/0/status").asText());
        assertEquals(3, doc.at("/exitCode").asInt());
        JsonNode win7 = doc.at("/steps/0/data/files/0");
        assertEquals("Win7.ckm", win7.at("/name").asText());
        assertEquals("changed", win7.at("/status").asText());
        assertEquals(0, win7.at("/firstDifferentChunk").asInt());
        assertFalse(json.err().contains("MiB /"), "no progress with --json: " + json.err());

        var repair = prestage("--target", client.toString(), "push", src.toString(), "--to", STORE);
        assertEquals(0, repair.exit(), repair.err());
        assertTrue(repair.out().contains("~ Win7.ckm (3.0 MB, replaces a different file)"), repair.out());
        assertEquals(0, prestage("--target", client.toString(), "verify", STORE).exit());
    }

    @Test
    void jsonPushIsOneDocumentWithPerFileData() throws Exception {
        var r = prestage("--json", "push", src.toString(), "--to", STORE, "--target", client.toString(), "--include", "*.CKM", "--jobs", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("changed", doc.at("/steps/0/status").asText());
        assertEquals(1, doc.at("/steps/0/data/files").size(), "--include *.CKM takes Win7.ckm only");
        assertEquals("copied", doc.at("/steps/0/data/files/0/action").asText());
        assertEquals(3_000_000, doc.at("/steps/0/data/bytesCopied").asLong());
        assertEquals(1, doc.at("/steps/0/data/jobs").asInt());
        assertEquals(STORE + "\\SHA256SUMS", doc.at("/steps/0/data/manifest").asText());
    }

    @Test
    void whatIfExitsThreeAndWritesNothing() throws Exception {
        var r = prestage("--target", client.toString(), "push", src.toString(), "--to", STORE, "--what-if");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.out().contains("would copy 2 files (3.0 MB)"), r.out());
        try (var files = Files.list(client)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        var missing = prestage("--target", client.toString(), "push", dir.resolve("nope").toString(), "--to", STORE);
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("does not exist; check the path"), missing.err());

        Files.createDirectories(store);
        Files.writeString(store.resolve("SHA256SUMS"), "not a checksum\n");
        var damaged = prestage("--target", client.toString(), "verify", STORE);
        assertEquals(2, damaged.exit());
        assertTrue(damaged.err().contains(STORE + "\\SHA256SUMS line 1 is not a checksum line"), damaged.err());
        assertEquals(1, damaged.err().strip().lines().count(), damaged.err());

        var noTo = prestage("push", src.toString());
        assertEquals(2, noTo.exit());
        assertTrue(noTo.err().contains("--to"), noTo.err());

        var badJobs = prestage("--target", client.toString(), "push", src.toString(), "--to", STORE, "--jobs", "-3");
        assertEquals(2, badJobs.exit());
        assertTrue(badJobs.err().contains("--jobs -3"), badJobs.err());
    }

    @Test
    void helpDescribesTheGuaranteesAndExitStatuses() {
        var push = prestage("push", "--help");
        assertEquals(0, push.exit());
        assertTrue(push.out().contains("sha256sum -c"), push.out());
        assertTrue(push.out().contains("Symbolic links are followed"), push.out());
        assertTrue(push.out().contains("--force"), push.out());
        var verify = prestage("verify", "-h");
        assertEquals(0, verify.exit());
        assertTrue(verify.out().contains("3 drift"), verify.out());
        assertTrue(verify.out().contains("--read-only"), verify.out());
    }
}
