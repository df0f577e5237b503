package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One read, many writes: copies in step share each block's read; a laggard falls back to its own read after the bounded lag. */
class SharedSourceReadsTest {
    private static final int BLOCK = 64 << 10;

    @TempDir
    Path dir;

    private Path source(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        Path f = dir.resolve("Win7.ckm");
        Files.write(f, data);
        return f;
    }

    /** Reads the whole file as push does (block-sized reads, in order) and returns its SHA-256. */
    private static Callable<byte[]> copy(SourceReads reads, Path source, CyclicBarrier opened, long pauseEveryBlockMillis) {
        return copy(reads, source, opened, pauseEveryBlockMillis, null, null);
    }

    /**
     * As above; after its first block the copy waits for {@code holdAfterFirstBlock} (if given), and it counts
     * {@code finished} down when it has read the whole file.
     */
    private static Callable<byte[]> copy(SourceReads reads, Path source, CyclicBarrier opened, long pauseEveryBlockMillis,
                                         CountDownLatch holdAfterFirstBlock, CountDownLatch finished) {
        return () -> {
            var sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            long pos = 0;
            try (var in = reads.open(source)) {
                opened.await(); // all copies start together, as a fleet's clients reach their push together
                while (true) {
                    buf.clear();
                    int n = in.read(buf, pos);
                    if (n < 0) break;
                    buf.flip();
                    sha.update(buf);
                    pos += n;
                    if (pauseEveryBlockMillis > 0) Thread.sleep(pauseEveryBlockMillis);
                    if (holdAfterFirstBlock != null && pos == n) holdAfterFirstBlock.await();
                }
            }
            if (finished != null) finished.countDown();
            return sha.digest();
        };
    }

    private static List<byte[]> run(List<Callable<byte[]>> copies) throws Exception {
        var pool = Executors.newFixedThreadPool(copies.size());
        try {
            var futures = new ArrayList<Future<byte[]>>();
            for (var c : copies) futures.add(pool.submit(c));
            var out = new ArrayList<byte[]>();
            for (var f : futures) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fourCopiesInStepReadEachBlockOnce() throws Exception {
        int size = 40 * BLOCK + 123;
        Path src = source(size);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(src));
        var reads = new SharedSourceReads(BLOCK, 4, 10_000, () -> 4);
        var start = new CyclicBarrier(4);
        var copies = new ArrayList<Callable<byte[]>>();
        for (int i = 0; i < 4; i++) copies.add(copy(reads, src, start, 0));
        List<byte[]> digests = run(copies);
        for (byte[] d : digests) assertArrayEquals(expected, d, "every copy got the file's bytes");
        assertEquals(4L * size, reads.bytesDelivered());
        assertEquals(size, reads.bytesRead(), "read once for four copies; alone: " + reads.bytesReadAlone());
    }

    @Test
    void aCopyThatLagsBeyondTheBoundFallsBackToItsOwnReadAndTheOthersDoNotWaitForIt() throws Exception {
        int size = 12 * BLOCK;
        Path src = source(size);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(src));
        var reads = new SharedSourceReads(BLOCK, 3, 100, () -> 3);
        var start = new CyclicBarrier(3);
        // the slow copy stops after its first block until both fast ones have read everything: were they to wait for
        // it beyond the bound, none would ever finish (no clock is judged)
        var fastDone = new CountDownLatch(2);
        var copies = List.of(copy(reads, src, start, 0, null, fastDone), copy(reads, src, start, 0, null, fastDone),
                copy(reads, src, start, 0, fastDone, null));
        List<byte[]> digests = run(copies);
        for (byte[] d : digests) assertArrayEquals(expected, d);
        assertTrue(reads.bytesReadAlone() > 0, "the slow copy read for itself");
        assertEquals(size, reads.bytesRead() - reads.bytesReadAlone(), "the two fast copies shared one read");
        assertTrue(reads.bytesReadAlone() <= size, "the slow one read each block at most once: " + reads.bytesReadAlone());
        assertEquals(3L * size, reads.bytesDelivered());
    }
}
