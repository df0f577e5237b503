package prestage.core.images;

import prestage.core.TestClients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/** What push does when the world misbehaves: a full disk, a source that changes, no permission, a half-finished earlier push. */
class PushFaultTest {
    @TempDir
    Path tmp;

    /** Progress that runs {@code action} once, when the first block of {@code file} is through. */
    private static Progress onFirstBlockOf(String file, IoAction action) {
        var fired = new AtomicBoolean();
        return (name, total) -> new Progress.Task() {
            @Override
            public void advance(long amount) {
                if (name.equals(file) && fired.compareAndSet(false, true)) {
                    try {
                        action.run();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** Mounts a tmpfs of {@code size} at a fresh folder, runs the body, always unmounts. */
    private void onSmallFilesystem(String size, FsBody body) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small"));
        Fixtures.runOk(null, "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString());
        try {
            body.run(mnt);
        } finally {
            Fixtures.runOk(null, "umount", mnt.toString());
        }
    }

    interface FsBody {
        void run(Path mnt) throws Exception;
    }

    private static Context nativeContext(Progress progress) {
        return new Context(prestage.core.client.open.Clients.open(null, null), new prestage.core.outcome.Outcome(false), progress);
    }

    @Test
    void notEnoughFreeSpaceIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), 9 << 20, 1);
        onSmallFilesystem("8m", mnt -> {
            Path store = mnt.resolve("store");
            Context ctx = nativeContext(Progress.NONE);
            Step step = new PushVerb(ctx, Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

            assertEquals(Status.FAILED, step.status());
            long free = Files.getFileStore(mnt).getUsableSpace();
            assertEquals("push: " + store + " needs 9.4 MB (9437184 bytes) but its volume has " + Sizes.bytes(free) + " (" + free
                    + " bytes) free; free " + Sizes.bytes((9 << 20) + (1 << 20) - free) + " or push fewer files (nothing was copied)", step.message());
            assertFalse(Files.exists(store), "not even the folder was created");
            assertEquals(1, ctx.outcome().exitCode());
        });
    }

    @Test
    void aDiskThatFillsUpDuringTheCopyFailsCleanlyWithNothingPartialLeft() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), 3 << 20, 2);
        onSmallFilesystem("8m", mnt -> {
            Path store = Files.createDirectories(mnt.resolve("store"));
            // another program takes the rest of the space once the copy is under way
            Progress filler = onFirstBlockOf("Big.ckm", () -> {
                try (OutputStream out = Files.newOutputStream(mnt.resolve("filler"))) {
                    byte[] mb = new byte[1 << 20];
                    while (true) out.write(mb);
                } catch (IOException full) {
                    assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
                }
            });
            Context ctx = nativeContext(filler);
            Step step = new PushVerb(ctx, Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

            assertEquals(Status.FAILED, step.status(), step.message());
            assertEquals("1 of 1 file failed: Big.ckm: No space left on device", step.message(), "tmpfs: buffered writes, no O_DIRECT");
            assertEquals(List.of(), Fixtures.names(store), "no part, no journal, no file under its final name");
            assertEquals(1, ctx.outcome().exitCode());
        });
    }

    @Test
    void aSourceWrittenToDuringTheCopyIsDetectedAndTheCopyDiscarded() throws Exception {
        Path src = tmp.resolve("src");
        Path image = Fixtures.randomFile(src.resolve("Big.ckm"), 2 << 20, 3);
        Path index = Fixtures.randomFile(src.resolve("Big.ckm.index"), 1000, 4);
        Files.setLastModifiedTime(image, FileTime.from(Instant.now().minusSeconds(3600)));
        Path store = tmp.resolve("store");
        Progress writer = onFirstBlockOf("Big.ckm", () -> {
            try (var raf = new RandomAccessFile(image.toFile(), "rw")) {
                raf.seek(1_500_000); // same size: only the times give it away
                raf.write(7);
            }
        });
        Step step = new PushVerb(nativeContext(writer), Fixtures.SMALL).push(new PushRequest(List.of(src.toString()), store.toString(), PushOptions.DEFAULTS));

        assertEquals(Status.FAILED, step.status(), step.message());
        assertEquals("1 of 2 files failed: Big.ckm: " + image + " was written to while push copied it; the copy was discarded, run push again "
                + "once nothing writes to it; the others are in place and recorded", step.message());
        assertEquals(List.of("Big.ckm.index", "SHA256SUMS", "SHA256SUMS.prestage.json"), Fixtures.names(store));
        assertEquals(Fixtures.sha256(index) + "  Big.ckm.index\n", Files.readString(store.resolve("SHA256SUMS")));

        Step again = new PushVerb(nativeContext(Progress.NONE), Fixtures.SMALL).push(new PushRequest(List.of(src.toString()), store.toString(), PushOptions.DEFAULTS));
        assertEquals(Status.CHANGED, again.status(), again.message());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(store.resolve("Big.ckm")));
    }

    @Test
    void aSourceThatGrowsDuringTheCopyIsDetected() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), 2 << 20, 5);
        Path store = tmp.resolve("store");
        Progress appender = onFirstBlockOf("Big.ckm", () -> Files.write(image, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND));
        Step step = new PushVerb(nativeContext(appender), Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

        assertEquals(Status.FAILED, step.status(), step.message());
        assertTrue(step.message().contains("was written to while push copied it"), step.message());
        assertEquals(List.of(), Fixtures.names(store));
    }

    /** Checkpoint k: SHA-256 of the first (k + 1) chunks. */
    private static List<String> checkpoints(byte[] data, int chunk, int count) throws Exception {
        var out = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(data, 0, Math.min((i + 1) * chunk, data.length));
            out.add(java.util.HexFormat.of().formatHex(md.digest()));
        }
        return out;
    }

    /** What a push killed after three chunks leaves: the part (with some unjournaled bytes after them) and its journal. */
    private void leaveInterruptedCopy(Path image, Path store, int chunksJournaled, int chunksWritten) throws Exception {
        int chunk = (int) Fixtures.SMALL.chunkSize();
        byte[] data = Files.readAllBytes(image);
        Files.createDirectories(store);
        Files.write(store.resolve(".Big.ckm" + StoreFiles.PART), java.util.Arrays.copyOf(data, chunksWritten * chunk + 1000));
        try (var journal = ChunkJournal.start(TestClients.NATIVE, TestClients.at(store.resolve(".Big.ckm" + StoreFiles.JOURNAL)), FileFingerprint.of(image), chunk,
                checkpoints(data, chunk, chunksJournaled))) {
            journal.durableUpTo(chunksJournaled * (long) chunk);
        }
    }

    @Test
    void anInterruptedCopyResumesAfterTheChunksItChecked() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), (2 << 20) + 5, 6);
        Path store = tmp.resolve("store");
        leaveInterruptedCopy(image, store, 3, 4);

        Step step = new PushVerb(nativeContext(Progress.NONE), Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

        assertEquals(Status.CHANGED, step.status(), step.message());
        assertEquals("+ Big.ckm (2.1 MB, resumes an interrupted copy: 786 kB kept after checking)", step.diff().get(0));
        @SuppressWarnings("unchecked")
        var file = ((List<Map<String, Object>>) step.data().get("files")).get(0);
        assertEquals(3L * Fixtures.SMALL.chunkSize(), ((Number) file.get("resumedFrom")).longValue());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(store.resolve("Big.ckm")));
        assertEquals(List.of("Big.ckm", "SHA256SUMS", "SHA256SUMS.prestage.json"), Fixtures.names(store));
        Fixtures.runOk(store, "sha256sum", "-c", "--strict", "SHA256SUMS");
        assertEquals(Status.OK, new VerifyVerb(nativeContext(Progress.NONE)).verify(new VerifyRequest(store.toString(), false)).status());
    }

    @Test
    void aPartThatWasWholeWhenThePushWasKilledIsOnlyCheckedAndRenamed() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), (2 << 20) + 5, 12);
        Path store = tmp.resolve("store");
        int chunk = (int) Fixtures.SMALL.chunkSize();
        byte[] data = Files.readAllBytes(image);
        Files.createDirectories(store);
        Files.write(store.resolve(".Big.ckm" + StoreFiles.PART), data);
        try (var journal = ChunkJournal.start(TestClients.NATIVE, TestClients.at(store.resolve(".Big.ckm" + StoreFiles.JOURNAL)), FileFingerprint.of(image), chunk,
                checkpoints(data, chunk, 9))) {
            journal.durableUpTo(data.length);
        }

        Step step = new PushVerb(nativeContext(Progress.NONE), Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

        assertEquals("+ Big.ckm (2.1 MB, resumes an interrupted copy: 2.1 MB kept after checking)", step.diff().get(0));
        Fixtures.runOk(store, "sha256sum", "-c", "--strict", "SHA256SUMS");
        assertEquals(Status.OK, new VerifyVerb(nativeContext(Progress.NONE)).verify(new VerifyRequest(store.toString(), false)).status(),
                "the sidecar has one checkpoint per chunk");
    }

    @Test
    void aDamagedChunkOfThePartIsCopiedAgain() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), 2 << 20, 7);
        Path store = tmp.resolve("store");
        leaveInterruptedCopy(image, store, 3, 3);
        PushVerbTest.flipByte(store.resolve(".Big.ckm" + StoreFiles.PART), Fixtures.SMALL.chunkSize() + 17); // chunk 1

        Step step = new PushVerb(nativeContext(Progress.NONE), Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

        assertEquals("+ Big.ckm (2.1 MB, resumes an interrupted copy: 262 kB kept after checking)", step.diff().get(0));
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(store.resolve("Big.ckm")));
        Fixtures.runOk(store, "sha256sum", "-c", "--strict", "SHA256SUMS");
    }

    @Test
    void aPartOfAnotherVersionOfTheSourceIsNotResumed() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Big.ckm"), 2 << 20, 8);
        Path store = tmp.resolve("store");
        leaveInterruptedCopy(image, store, 3, 3);
        Fixtures.randomFile(image, 2 << 20, 9); // the source was replaced since

        Step step = new PushVerb(nativeContext(Progress.NONE), Fixtures.SMALL).push(new PushRequest(List.of(image.toString()), store.toString(), PushOptions.DEFAULTS));

        assertEquals("+ Big.ckm (2.1 MB)", step.diff().get(0));
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(store.resolve("Big.ckm")));
        assertEquals(List.of("Big.ckm", "SHA256SUMS", "SHA256SUMS.prestage.json"), Fixtures.names(store));
    }

    // ---- permission denied: root ignores file modes, so the push runs in a JVM without the capabilities that let it

    private Fixtures.Result pushWithoutDacOverride(Path store, Path... sources) throws Exception {
        Fixtures.requireTool("setpriv");
        var pb = Jvm.push(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"), Fixtures.SMALL, 2, store, List.of(sources));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the push finished");
        return new Fixtures.Result(p.exitValue(), out);
    }

    @Test
    void anUnreadableSourceFailsBeforeAnythingIsWritten() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("Locked.ckm"), 10_000, 10);
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("---------"));
        Path store = tmp.resolve("store");

        var r = pushWithoutDacOverride(store, image);

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("failed: push: cannot read " + image + ": permission denied; let the account running prestage read it "
                + "(nothing was copied)"), r.out());
        assertFalse(Files.exists(store));
    }

    @Test
    void aStoreWithoutWritePermissionFailsBeforeAnythingIsWritten() throws Exception {
        Path image = Fixtures.randomFile(tmp.resolve("src").resolve("A.ckm"), 10_000, 11);
        Path store = Files.createDirectories(tmp.resolve("store"));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("r-xr-xr-x"));

        var r = pushWithoutDacOverride(store, image);

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("failed: push: cannot write in " + store + ": permission denied; let the account running prestage write there"),
                r.out());
        assertEquals(List.of(), Fixtures.names(store));
    }
}
