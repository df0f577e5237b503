package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

class VerifyVerbTest extends PushedStore {
    @BeforeEach
    void pushTwoImages() throws Exception {
        Step pushed = pushImage("Big.ckm", 2_000_000, 5_000);
        assertEquals(Status.CHANGED, pushed.status(), pushed.message());
    }

    private VerifyVerb verifier(Context ctx) {
        return new VerifyVerb(ctx, 64 << 10, 3);
    }

    @Test
    void anIntactStoreIsOk() throws Exception {
        Context ctx = Fixtures.context(drive);
        Step step = verifier(ctx).verify(new VerifyRequest(STORE, false));

        assertEquals(Status.OK, step.status(), step.message());
        assertTrue(step.message().startsWith("2 of 2 files intact (2.0 MB in "), step.message());
        assertEquals(List.of(), step.diff());
        assertEquals(0, ctx.outcome().exitCode());
    }

    @Test
    void aFlippedByteIsReportedWithItsFileAndChunk() throws Exception {
        PushVerbTest.flipByte(store.resolve("Big.ckm"), 600_000); // chunk 2 of 8 (256 KiB chunks)
        Context ctx = Fixtures.context(drive);
        Step step = verifier(ctx).verify(new VerifyRequest(STORE, false));

        assertEquals(Status.DRIFT, step.status(), step.message());
        assertEquals(List.of("~ Big.ckm: content differs from chunk 2 of 8 on (first difference in bytes 524288-786431)"), step.diff());
        assertTrue(step.message().contains("1 of 2 files intact"), step.message());
        assertEquals(Outcome.EXIT_DRIFT, ctx.outcome().exitCode());
        // the outside oracle agrees that exactly this file is damaged
        var oracle = Fixtures.run(store, "sha256sum", "-c", "SHA256SUMS");
        assertTrue(oracle.out().contains("Big.ckm: FAILED") && oracle.out().contains("Big.ckm.index: OK"), oracle.out());
        @SuppressWarnings("unchecked")
        var files = (List<Map<String, Object>>) step.data().get("files");
        assertEquals(2L, files.stream().filter(f -> f.get("name").equals("Big.ckm")).findFirst().orElseThrow().get("firstDifferentChunk"));
    }

    /** Push for a client whose reads do not outpace hashing (SMB) writes no chunk hashes; verify hashes end to end. */
    @Test
    void withoutChunkHashesAFileIsHashedEndToEndAndTheFirstWrongCheckpointNamed() throws Exception {
        String other = "C:\\MED-V Images\\NoChunks";
        System.setProperty("prestage.push.chunkHashes", "never");
        try {
            Step pushed = Fixtures.push(Fixtures.context(drive)).push(new PushRequest(List.of(src.toString()), other, PushOptions.DEFAULTS));
            assertEquals(Status.CHANGED, pushed.status(), pushed.message());
        } finally {
            System.clearProperty("prestage.push.chunkHashes");
        }
        Path dir = drive.resolve("MED-V Images").resolve("NoChunks");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertFalse(json.readTree(dir.resolve(Manifest.SIDECAR).toFile()).path("files").path("Big.ckm").has("chunks"));
        assertTrue(json.readTree(store.resolve(Manifest.SIDECAR).toFile()).path("files").path("Big.ckm").has("chunks"), "the default push keeps them");
        assertEquals(Status.OK, verifier(Fixtures.context(drive)).verify(new VerifyRequest(other, false)).status());

        PushVerbTest.flipByte(dir.resolve("Big.ckm"), 600_000); // chunk 2 of 8
        Step step = verifier(Fixtures.context(drive)).verify(new VerifyRequest(other, false));
        assertEquals(Status.DRIFT, step.status(), step.message());
        assertEquals(List.of("~ Big.ckm: content differs from chunk 2 of 8 on (first difference in bytes 524288-786431)"), step.diff());
    }

    /** A chunk of 256 KiB is read into a buffer of its size, not verify's 4 MiB one: a fleet verifies on 20 clients at once. */
    @Test
    void eachChunkTakesABufferOfItsSizeNotAWholeBlock() throws Exception {
        ProcessBuffers.budget(ProcessBuffers.DEFAULT_BUDGET); // what is free let go: what verify takes is counted below
        long before = ProcessBuffers.allocated();
        var verifier = new VerifyVerb(Fixtures.context(drive), CopyTuning.DEFAULT.bufferSize(), 4);
        Step step = verifier.verify(new VerifyRequest(STORE, false));
        long taken = ProcessBuffers.allocated() - before;

        assertEquals(Status.OK, step.status(), step.message());
        assertTrue(taken > 0 && taken <= 4 * BufferPool.SMALL_FILE + BufferPool.TINY_FILE,
                "4 workers on chunks of 256 KiB and the index took " + taken + " bytes of buffers");
    }

    @Test
    void withChunksCheckedInParallelTheFirstDifferingChunkIsNamed() throws Exception {
        PushVerbTest.flipByte(store.resolve("Big.ckm"), 1_400_000); // chunk 5
        PushVerbTest.flipByte(store.resolve("Big.ckm"), 300_000); // chunk 1
        Step step = new VerifyVerb(Fixtures.context(drive), 64 << 10, 4).verify(new VerifyRequest(STORE, false));

        assertEquals(Status.DRIFT, step.status(), step.message());
        assertEquals(List.of("~ Big.ckm: content differs from chunk 1 of 8 on (first difference in bytes 262144-524287)"), step.diff());
    }

    @Test
    void missingExtraAndTruncatedFilesAreDrift() throws Exception {
        Files.delete(store.resolve("Big.ckm.index"));
        Files.writeString(store.resolve("stray.ckm"), "x");
        try (var ch = java.nio.channels.FileChannel.open(store.resolve("Big.ckm"), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(1_000_000);
        }
        Step step = verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, false));

        assertEquals(Status.DRIFT, step.status(), step.message());
        assertEquals(List.of("~ Big.ckm: has 1000000 bytes, SHA256SUMS was written for 2000000", "- Big.ckm.index (missing)",
                "+ stray.ckm (not in SHA256SUMS)"), step.diff());
    }

    @Test
    void readOnlyMarksIntactFilesOnceAndLeavesDamagedOnesAlone() throws Exception {
        PushVerbTest.flipByte(store.resolve("Big.ckm"), 10);
        Step step = verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, true));

        assertEquals(Status.DRIFT, step.status(), step.message());
        assertTrue(step.diff().contains("~ Big.ckm.index: marked read-only"), step.diff().toString());
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("Big.ckm.index"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("Big.ckm"))));

        Fixtures.push(Fixtures.context(drive)).push(new PushRequest(List.of(src.toString()), STORE, PushOptions.DEFAULTS)); // repairs Big.ckm
        Step second = verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, true));
        assertEquals(Status.CHANGED, second.status(), second.message());
        assertEquals(List.of("~ Big.ckm: marked read-only"), second.diff());
        Step third = verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, true));
        assertEquals(Status.OK, third.status(), third.message());
        assertTrue(third.message().endsWith("all marked read-only"), third.message());
    }

    @Test
    void aFileThatCannotBeMarkedIsReportedAndTheStepFails() throws Exception {
        Path index = store.resolve("Big.ckm.index");
        Fixtures.runOk(null, "chattr", "+i", index.toString()); // even root may not chmod an immutable file
        try {
            Context ctx = Fixtures.context(drive);
            Step step = verifier(ctx).verify(new VerifyRequest(STORE, true));

            assertEquals(Status.FAILED, step.status(), step.message());
            assertTrue(step.message().startsWith("2 of 2 files intact"), step.message());
            assertTrue(step.message().contains("; could not mark read-only: Big.ckm.index ("), step.message());
            assertEquals(List.of("~ Big.ckm: marked read-only"), step.diff());
            assertEquals(Outcome.EXIT_FAILED, ctx.outcome().exitCode());
        } finally {
            Fixtures.runOk(null, "chattr", "-i", index.toString());
        }
    }

    @Test
    void whatIfReadOnlyMarksNothing() throws Exception {
        Context ctx = Fixtures.context(drive, true, prestage.core.Progress.NONE);
        Step step = verifier(ctx).verify(new VerifyRequest(STORE, true));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertEquals(List.of("~ Big.ckm: marked read-only", "~ Big.ckm.index: marked read-only"), step.diff());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("Big.ckm"))));
    }

    @Test
    void aManifestWrittenBySha256sumIsCheckedWholeFile() throws Exception {
        Files.delete(store.resolve("SHA256SUMS.prestage.json"));
        Files.delete(store.resolve("SHA256SUMS"));
        Fixtures.runOk(store, "sh", "-c", "sha256sum Big.ckm Big.ckm.index > SHA256SUMS");
        assertEquals(Status.OK, verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, false)).status());

        PushVerbTest.flipByte(store.resolve("Big.ckm.index"), 0);
        Step step = verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, false));
        assertEquals(Status.DRIFT, step.status(), step.message());
        assertTrue(step.diff().get(0).startsWith("~ Big.ckm.index: content differs (SHA-256 "), step.diff().toString());
        assertTrue(step.diff().get(0).endsWith("; no checkpoints to say where)"), step.diff().toString());
    }

    @Test
    void aSidecarThatDisagreesWithTheSumsIsIgnoredWithAWarning() throws Exception {
        // someone replaced a file and regenerated SHA256SUMS with sha256sum, leaving the sidecar behind
        Fixtures.randomFile(store.resolve("Big.ckm.index"), 5_000, 77);
        Fixtures.runOk(store, "sh", "-c", "sha256sum Big.ckm Big.ckm.index > SHA256SUMS");
        Context ctx = Fixtures.context(drive);
        Step step = verifier(ctx).verify(new VerifyRequest(STORE, false));

        assertEquals(Status.OK, step.status(), step.message());
        assertTrue(ctx.outcome().warnings().stream().anyMatch(w -> w.contains("disagrees with SHA256SUMS about Big.ckm.index")),
                ctx.outcome().warnings().toString());
    }

    @Test
    void aLeftoverPartIsNamedAsAWarningNotAsAnExtraFile() throws Exception {
        Files.writeString(store.resolve(".Other.ckm.prestage-part"), "partial");
        Context ctx = Fixtures.context(drive);
        Step step = verifier(ctx).verify(new VerifyRequest(STORE, false));

        assertEquals(Status.OK, step.status(), step.message());
        assertTrue(ctx.outcome().warnings().stream().anyMatch(w -> w.contains("interrupted push of Other.ckm")), ctx.outcome().warnings().toString());
    }

    @Test
    void badInputIsRefusedWithOneLine() throws Exception {
        var none = assertThrows(BadInputException.class, () -> verifier(Fixtures.context(drive)).verify(new VerifyRequest("C:\\nowhere", false)));
        assertEquals("verify: C:\\nowhere does not exist; give the folder push copied the images to", none.getMessage());
        var file = assertThrows(BadInputException.class, () -> verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE + "\\Big.ckm", false)));
        assertTrue(file.getMessage().contains("is a file, not a folder"), file.getMessage());
        Files.createDirectories(drive.resolve("empty"));
        var noManifest = assertThrows(BadInputException.class, () -> verifier(Fixtures.context(drive)).verify(new VerifyRequest("C:\\empty", false)));
        assertEquals("verify: C:\\empty has no SHA256SUMS; push the images there first (push writes it)", noManifest.getMessage());
    }

    @Test
    void aCorruptedManifestIsBadInputAndNothingIsMarked() throws Exception {
        Files.writeString(store.resolve("SHA256SUMS"), Files.readString(store.resolve("SHA256SUMS")) + "this is not a checksum\n");
        var before = Fixtures.snapshot(store);
        var e = assertThrows(BadInputException.class, () -> verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, true)));
        assertEquals(STORE + "\\SHA256SUMS line 3 is not a checksum line ('this is not a checksum'): each line is 64 hex digits, two spaces "
                + "and a file name; fix the line, or delete SHA256SUMS and push again", e.getMessage());
        assertEquals(before, Fixtures.snapshot(store));
    }

    @Test
    void aManifestNameThatLeavesTheFolderIsRefused() throws Exception {
        Files.writeString(drive.resolve("MED-V Images").resolve("secret"), "x");
        Files.writeString(store.resolve("SHA256SUMS"), "0".repeat(64) + "  ../secret\n");
        Files.delete(store.resolve("SHA256SUMS.prestage.json"));
        var e = assertThrows(BadInputException.class, () -> verifier(Fixtures.context(drive)).verify(new VerifyRequest(STORE, true)));
        assertTrue(e.getMessage().startsWith(STORE + "\\SHA256SUMS line 1: '../secret' is not a file name in this folder"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
