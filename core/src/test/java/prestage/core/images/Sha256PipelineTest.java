package prestage.core.images;

import prestage.core.TestClients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256PipelineTest {
    @TempDir
    Path tmp;
    final ExecutorService threads = Executors.newCachedThreadPool(PushVerb.daemons("test"));

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static String sha(byte[] data, int length) throws Exception {
        var md = MessageDigest.getInstance("SHA-256");
        md.update(data, 0, length);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void checkpointsAndTheWholeHashMatchTheBytesWhateverTheBufferSize() throws Exception {
        Path f = Fixtures.randomFile(tmp.resolve("f"), 1_000_003, 1);
        byte[] data = Files.readAllBytes(f);
        for (int buffer : new int[] {999, 4_097, 100_000, 300_000, 2 << 20}) {
            var tuning = new CopyTuning(buffer, 3, 100_000, 0);
            var whole = WholeDigest.fresh(tuning.chunkSize(), null);
            var copy = tmp.resolve("copy" + buffer);
            var progress = new AtomicLong();
            var pool = new BufferPool(buffer, 3);
            try (FileChannel in = FileChannel.open(f); var lease = pool.lease(3);
                 var writer = PartWriter.open(TestClients.NATIVE, TestClients.at(copy), 0, 1L << 40, tuning, threads, offset -> { })) {
                new Sha256Pipeline(tuning, threads).run(in::read, 0, data.length, lease.buffers(), List.of(whole, writer), progress::addAndGet);
                writer.sync();
            }
            assertEquals(sha(data, data.length), whole.hex(), "buffer " + buffer);
            assertEquals(11, whole.checkpoints().size());
            for (int k = 0; k < 11; k++) assertEquals(sha(data, Math.min(data.length, (k + 1) * 100_000)), whole.checkpoints().get(k), "checkpoint " + k);
            assertEquals(data.length, progress.get());
            assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(copy)), "copy with buffer " + buffer);
        }
    }

    @Test
    void thePartIsWrittenWithODirectOnADiskFilesystemAndBufferedOnTmpfs() throws Exception {
        String fsType = Fixtures.runOk(null, "stat", "-f", "-c", "%T", tmp.toString()).out().strip();
        var tuning = new CopyTuning(64 << 10, 2, 256 << 10, 0);
        try (var writer = PartWriter.open(TestClients.NATIVE, TestClients.at(tmp.resolve("part")), 0, 1L << 40, tuning, threads, o -> { })) {
            assertEquals(!fsType.equals("tmpfs") && !fsType.startsWith("fuse"), writer.direct(), "filesystem " + fsType);
        }
        try (var writer = PartWriter.open(TestClients.NATIVE, TestClients.at(tmp.resolve("part2")), 0, 1L << 40, tuning.buffered(), threads, o -> { })) {
            assertEquals(false, writer.direct(), "asked for buffered writes");
        }
        try (var writer = PartWriter.open(TestClients.NATIVE, TestClients.at(tmp.resolve("part3")), 0, 1L << 40, new CopyTuning(1000, 2, 256_000, 0), threads, o -> { })) {
            assertEquals(false, writer.direct(), "blocks that are not whole sectors");
        }
    }

    @Test
    void pooledBuffersAreSectorAlignedWhateverTheirSizeAndComeBack() throws Exception {
        for (int size : new int[] {1000, 48 << 10, 64 << 10, (4 << 20) + 1}) {
            var pool = new BufferPool(size, 3);
            try (var lease = pool.lease(3)) {
                for (ByteBuffer b : lease.buffers()) {
                    assertEquals(size, b.capacity());
                    assertEquals(0, b.alignmentOffset(0, BufferPool.ALIGNMENT), "aligned for O_DIRECT");
                }
            }
            try (var again = pool.lease(3)) {
                assertEquals(3, again.buffers().size(), "all three came back");
            }
        }
    }

    @Test
    void aDigestResumedAtACheckpointEndsWhereOneFromTheStartEnds() throws Exception {
        Path f = Fixtures.randomFile(tmp.resolve("f"), 350_000, 2);
        byte[] data = Files.readAllBytes(f);
        var tuning = new CopyTuning(64 << 10, 4, 100_000, 0);
        var pipeline = new Sha256Pipeline(tuning, threads);
        var buffers = List.of(ByteBuffer.allocateDirect(64 << 10), ByteBuffer.allocateDirect(64 << 10));
        var first = WholeDigest.resumable(tuning.chunkSize(), null);
        try (FileChannel in = FileChannel.open(f)) {
            pipeline.run(in::read, 0, 200_000, buffers, List.of(first), n -> { });
            var rest = first.resumedAt(100_000, null);
            pipeline.run(in::read, 100_000, data.length, buffers, List.of(rest), n -> { });
            assertEquals(sha(data, data.length), rest.hex());
            assertEquals(List.of(sha(data, 100_000), sha(data, 200_000), sha(data, 300_000), sha(data, 350_000)), rest.checkpoints());

            // a part that was already whole when the push was killed: nothing left to read, nothing to add
            var whole = WholeDigest.resumable(tuning.chunkSize(), null);
            pipeline.run(in::read, 0, data.length, buffers, List.of(whole), n -> { });
            var atEnd = whole.resumedAt(data.length, null);
            pipeline.run(in::read, data.length, data.length, buffers, List.of(atEnd), n -> { });
            assertEquals(rest.checkpoints(), atEnd.checkpoints());
            assertEquals(sha(data, data.length), atEnd.hex());
        }
    }

    @Test
    void theFirstFailureStopsTheRunAndIsThrown() throws Exception {
        Path f = Fixtures.randomFile(tmp.resolve("f"), 500_000, 3);
        var tuning = new CopyTuning(10_000, 2, 100_000, 0);
        var seen = new AtomicLong();
        BlockConsumer failing = (block, offset) -> {
            if (seen.addAndGet(block.remaining()) > 50_000) throw new IOException("disk on fire");
        };
        var buffers = List.of(ByteBuffer.allocateDirect(10_000), ByteBuffer.allocateDirect(10_000));
        try (FileChannel in = FileChannel.open(f)) {
            var e = assertThrows(IOException.class, () -> new Sha256Pipeline(tuning, threads)
                    .run(in::read, 0, 500_000, buffers, List.of(WholeDigest.fresh(100_000, null), failing), n -> { }));
            assertEquals("disk on fire", e.getMessage());
            assertTrue(seen.get() < 500_000, "stopped early");
            var eof = assertThrows(EOFException.class, () -> new Sha256Pipeline(tuning, threads)
                    .run(in::read, 0, 600_000, buffers, List.of(WholeDigest.fresh(100_000, null)), n -> { }));
            assertEquals("ended at byte 500000 of 600000", eof.getMessage());
        }
    }
}
