package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import prestage.core.verb.Context;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

class PushVerbTest {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @TempDir
    Path tmp;

    private Path src() {
        return tmp.resolve("src");
    }

    private Path drive() throws Exception {
        return Files.createDirectories(tmp.resolve("drive"));
    }

    private Path store() throws Exception {
        return drive().resolve("MED-V Images").resolve("PrestagedImages");
    }

    /** Two images with their indexes, a file the globs skip, and a subfolder push does not search. */
    private void images() throws Exception {
        Fixtures.randomFile(src().resolve("Win7.ckm"), (3 << 20) + 12345, 1);
        Fixtures.randomFile(src().resolve("Win7.ckm.index"), 40_000, 2);
        Fixtures.randomFile(src().resolve("XP.CKM"), 700_000, 3);
        Fixtures.randomFile(src().resolve("XP.CKM.INDEX"), 0, 4);
        Fixtures.randomFile(src().resolve("notes.txt"), 100, 5);
        Fixtures.randomFile(src().resolve("old").resolve("Old.ckm"), 100, 6);
    }

    @Test
    void pushesTheImagesOfAFolderByteForByteAndSha256sumAcceptsTheManifest() throws Exception {
        images();
        Context ctx = Fixtures.context(drive());
        Step step = Fixtures.push(ctx).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertEquals(STORE, step.subject());
        assertEquals(List.of("SHA256SUMS", "SHA256SUMS.prestage.json", "Win7.ckm", "Win7.ckm.index", "XP.CKM", "XP.CKM.INDEX"),
                Fixtures.names(store()));
        for (String n : List.of("Win7.ckm", "Win7.ckm.index", "XP.CKM", "XP.CKM.INDEX")) {
            assertArrayEquals(Files.readAllBytes(src().resolve(n)), Files.readAllBytes(store().resolve(n)), n);
            assertEquals(Files.getLastModifiedTime(src().resolve(n)), Files.getLastModifiedTime(store().resolve(n)), n + " keeps its time");
        }
        var check = Fixtures.runOk(store(), "sha256sum", "-c", "--strict", "SHA256SUMS");
        assertEquals(4, check.out().lines().filter(l -> l.endsWith(": OK")).count(), check.out());
        assertTrue(step.diff().contains("+ Win7.ckm (3.2 MB)"), step.diff().toString());
        assertEquals(1, ctx.outcome().steps().size());
    }

    @Test
    void sidecarCheckpointsAreTheHashesOfThePrefixesOnDisk() throws Exception {
        Fixtures.randomFile(src().resolve("a.ckm"), 1_000_000, 7);
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().resolve("a.ckm").toString()), STORE, PushOptions.DEFAULTS));

        var json = new ObjectMapper().readTree(store().resolve("SHA256SUMS.prestage.json").toFile());
        var entry = json.path("files").path("a.ckm");
        long chunk = entry.path("chunkSize").asLong();
        assertEquals(Fixtures.SMALL.chunkSize(), chunk);
        assertEquals(4, entry.path("checkpoints").size(), "1,000,000 bytes in 256 KiB chunks");
        for (int i = 0; i < 4; i++) {
            // the outside oracle cuts the prefix itself: head -c N | sha256sum
            String oracle = Fixtures.runOk(null, "sh", "-c", "head -c " + Math.min(1_000_000, (i + 1) * chunk) + " '"
                    + store().resolve("a.ckm") + "' | sha256sum").out().substring(0, 64);
            assertEquals(oracle, entry.path("checkpoints").get(i).asText(), "checkpoint " + i);
        }
        assertEquals(1_000_000, entry.path("size").asLong());
        assertEquals(Fixtures.sha256(store().resolve("a.ckm")), entry.path("sha256").asText());
        assertEquals(src().resolve("a.ckm").toString(), entry.path("source").path("path").asText());
    }

    @Test
    void sidecarChunkHashesAreTheHashesOfEachChunkOnDisk() throws Exception {
        Fixtures.randomFile(src().resolve("a.ckm"), 1_000_000, 8);
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().resolve("a.ckm").toString()), STORE, PushOptions.DEFAULTS));

        var sidecar = Files.readString(store().resolve("SHA256SUMS.prestage.json"));
        assertTrue(sidecar.lines().count() < 6 && !sidecar.contains("  "), "compact, one line per file:\n" + sidecar);
        var entry = new ObjectMapper().readTree(sidecar).path("files").path("a.ckm");
        long chunk = entry.path("chunkSize").asLong();
        assertEquals(4, entry.path("chunks").size(), "1,000,000 bytes in 256 KiB chunks");
        for (int i = 0; i < 4; i++) {
            // the outside oracle cuts the chunk itself: dd skip=i count=1 | sha256sum
            String oracle = Fixtures.runOk(null, "sh", "-c", "dd if='" + store().resolve("a.ckm") + "' bs=" + chunk + " skip=" + i
                    + " count=1 status=none | sha256sum").out().substring(0, 64);
            assertEquals(oracle, entry.path("chunks").get(i).asText(), "chunk " + i);
        }
    }

    @Test
    void secondPushFindsEverythingInPlaceAndWritesNothing() throws Exception {
        images();
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));
        var before = Fixtures.snapshot(store());

        Context again = Fixtures.context(drive());
        Step step = Fixtures.push(again).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.OK, step.status(), step.message());
        assertEquals(List.of(), step.diff());
        assertEquals(before, Fixtures.snapshot(store()));
        assertEquals(0, again.outcome().exitCode());
    }

    @Test
    void aChangedSourceReplacesTheStoreCopyAndTheManifest() throws Exception {
        images();
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));
        Fixtures.randomFile(src().resolve("XP.CKM"), 700_000, 99); // same size, other content

        Step step = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertEquals(List.of("~ XP.CKM (700 kB, replaces a different file)", "~ SHA256SUMS, SHA256SUMS.prestage.json"), step.diff());
        assertArrayEquals(Files.readAllBytes(src().resolve("XP.CKM")), Files.readAllBytes(store().resolve("XP.CKM")));
        Fixtures.runOk(store(), "sha256sum", "-c", "--strict", "SHA256SUMS");
    }

    @Test
    void filesAlreadyCopiedByHandAreComparedAndRecordedNotCopied() throws Exception {
        images();
        Files.createDirectories(store());
        for (String n : List.of("Win7.ckm", "Win7.ckm.index")) Fixtures.runOk(null, "cp", src().resolve(n).toString(), store().resolve(n).toString());
        Object inode = Files.getAttribute(store().resolve("Win7.ckm"), "unix:ino");

        Step step = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status());
        assertTrue(step.diff().contains("~ Win7.ckm: already in place, recorded in SHA256SUMS"), step.diff().toString());
        assertTrue(step.diff().contains("+ XP.CKM (700 kB)"), step.diff().toString());
        assertEquals(inode, Files.getAttribute(store().resolve("Win7.ckm"), "unix:ino"), "compared, not copied again");
        Fixtures.runOk(store(), "sha256sum", "-c", "--strict", "SHA256SUMS");
        Step third = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));
        assertEquals(Status.OK, third.status(), third.message());
    }

    @Test
    void aFileChangedInTheStoreIsReplacedOnTheNextPush() throws Exception {
        images();
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));
        flipByte(store().resolve("Win7.ckm"), 1_000_000);

        Step step = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertTrue(step.diff().get(0).startsWith("~ Win7.ckm"), step.diff().toString());
        assertArrayEquals(Files.readAllBytes(src().resolve("Win7.ckm")), Files.readAllBytes(store().resolve("Win7.ckm")));
    }

    @Test
    void aReadOnlyFileThatDiffersNeedsForce() throws Exception {
        images();
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));
        Files.setPosixFilePermissions(store().resolve("XP.CKM"), PosixFilePermissions.fromString("r--r--r--"));
        Fixtures.randomFile(src().resolve("XP.CKM"), 800_000, 42);
        var before = Fixtures.snapshot(store());

        var e = org.junit.jupiter.api.Assertions.assertThrows(prestage.core.BadInputException.class, () ->
                Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS)));
        assertEquals("push: " + STORE + "\\XP.CKM is marked read-only and differs from the source; give --force to replace it (nothing was copied)",
                e.getMessage());
        assertEquals(before, Fixtures.snapshot(store()));

        Context forced = Fixtures.context(drive());
        Step step = Fixtures.push(forced).push(new PushRequest(List.of(src().toString()), STORE, new PushOptions(List.of(), 0, true)));
        assertEquals(Status.CHANGED, step.status(), step.message());
        assertTrue(step.diff().contains("~ XP.CKM (800 kB, replaces a different file marked read-only)"), step.diff().toString());
        assertArrayEquals(Files.readAllBytes(src().resolve("XP.CKM")), Files.readAllBytes(store().resolve("XP.CKM")));
        assertTrue(forced.outcome().warnings().stream().anyMatch(w -> w.contains("verify --read-only")), forced.outcome().warnings().toString());
    }

    @Test
    void whatIfReportsThePlanAndWritesNothing() throws Exception {
        images();
        Context ctx = Fixtures.context(drive(), true, prestage.core.Progress.NONE);
        Step step = Fixtures.push(ctx).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status());
        assertTrue(step.message().startsWith("would copy 4 files (3.9 MB) to " + STORE), step.message());
        assertTrue(step.diff().contains("+ " + STORE + "\\"), step.diff().toString());
        assertFalse(Files.exists(drive().resolve("MED-V Images")), "what-if created nothing");
        assertEquals(Outcome.EXIT_DRIFT, ctx.outcome().exitCode());
    }

    @Test
    void includeGlobsIgnoreCaseAndNamedFilesArePushedWhateverTheirName() throws Exception {
        images();
        Context ctx = Fixtures.context(drive());
        Step step = Fixtures.push(ctx).push(new PushRequest(List.of(src().toString(), src().resolve("notes.txt").toString()), STORE, new PushOptions(List.of("*.ckm"), 1, false)));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertEquals(List.of("SHA256SUMS", "SHA256SUMS.prestage.json", "Win7.ckm", "XP.CKM", "notes.txt"), Fixtures.names(store()));
        assertTrue(ctx.outcome().warnings().stream().anyMatch(w -> w.contains("notes.txt does not match *.ckm")), ctx.outcome().warnings().toString());
        assertTrue(ctx.outcome().warnings().stream().anyMatch(w -> w.contains("Win7.ckm has no Win7.ckm.index")), ctx.outcome().warnings().toString());
    }

    @Test
    void symbolicLinksInTheSourceAreFollowedUnderTheLinksName() throws Exception {
        Path real = Fixtures.randomFile(tmp.resolve("elsewhere").resolve("real.bin"), 300_000, 8);
        Files.createDirectories(src());
        Files.createSymbolicLink(src().resolve("Linked.ckm"), real);

        Step step = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status(), step.message());
        Path copy = store().resolve("Linked.ckm");
        assertTrue(Files.isRegularFile(copy, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the store gets a file, not a link");
        assertArrayEquals(Files.readAllBytes(real), Files.readAllBytes(copy));
    }

    @Test
    void severalJobsGiveTheSameStoreAsOne() throws Exception {
        images();
        Path other = Files.createDirectories(tmp.resolve("drive2"));
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, new PushOptions(List.of(), 1, false)));
        Fixtures.push(Fixtures.context(other)).push(new PushRequest(List.of(src().toString()), STORE, new PushOptions(List.of(), 4, false)));

        Path store2 = other.resolve("MED-V Images").resolve("PrestagedImages");
        assertEquals(Files.readString(store().resolve("SHA256SUMS")), Files.readString(store2.resolve("SHA256SUMS")));
        assertEquals(Files.readString(store().resolve("SHA256SUMS.prestage.json")),
                Files.readString(store2.resolve("SHA256SUMS.prestage.json")).replace(other.toString(), drive().toString()));
    }

    @Test
    void manifestEntriesOfOtherFilesAreKept() throws Exception {
        images();
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().resolve("Win7.ckm").toString()), STORE, PushOptions.DEFAULTS));
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().resolve("XP.CKM").toString()), STORE, PushOptions.DEFAULTS));

        String sums = Files.readString(store().resolve("SHA256SUMS"));
        assertEquals(Fixtures.sha256(src().resolve("Win7.ckm")) + "  Win7.ckm\n" + Fixtures.sha256(src().resolve("XP.CKM")) + "  XP.CKM\n", sums);
    }

    @Test
    void theStepCarriesPerFileDataForJson() throws Exception {
        images();
        Step step = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        @SuppressWarnings("unchecked")
        var files = (List<Map<String, Object>>) step.data().get("files");
        assertEquals(4, files.size());
        var win7 = files.stream().filter(f -> f.get("name").equals("Win7.ckm")).findFirst().orElseThrow();
        assertEquals("copied", win7.get("action"));
        assertEquals(Fixtures.sha256(src().resolve("Win7.ckm")), win7.get("sha256"));
        assertEquals(STORE + "\\Win7.ckm", win7.get("target"));
        assertEquals((3L << 20) + 12345 + 40_000 + 700_000, ((Number) step.data().get("bytesCopied")).longValue());
        assertNotEquals(null, step.data().get("seconds"));
    }

    @Test
    void aPushTouchedOnlyInTimeIsComparedAndFoundInPlace() throws Exception {
        images();
        Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));
        Files.setLastModifiedTime(src().resolve("XP.CKM"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        Step step = Fixtures.push(Fixtures.context(drive())).push(new PushRequest(List.of(src().toString()), STORE, PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertTrue(step.diff().contains("~ XP.CKM: already in place, recorded in SHA256SUMS"), step.diff().toString());
    }

    static void flipByte(Path file, long at) throws Exception {
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x5a);
        }
    }
}
