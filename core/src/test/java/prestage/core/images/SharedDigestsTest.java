package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.testing.Smbd;

/**
 * Each block hashed once per group of copies: copies in step take the group's whole-file hash, checkpoints and chunk
 * hashes; a copy that falls behind carries on alone from a clone of the group's state. Every copy's digests are judged
 * by coreutils' sha256sum over the bytes of the file (the whole, each prefix, each chunk).
 */
@EnabledOnOs(OS.LINUX)
class SharedDigestsTest {
    private static final int BLOCK = 64 << 10;
    private static final long CHUNK = 2L * BLOCK;

    @TempDir
    Path dir;

    private record Copied(FollowedDigests digests, List<String> journaled) {
    }

    private static Callable<Copied> copy(SharedSourceReads reads, Path source, long size, CyclicBarrier opened, long pauseMillis) {
        return () -> {
            var journaled = new CopyOnWriteArrayList<String>();
            try (var in = (SharedSourceReads.SharedCopy) reads.open(source)) {
                var digests = new FollowedDigests(in.digests(), in::fromGroup, in::hashedAlone, (i, h) -> journaled.add(i + " " + h));
                opened.await();
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                for (long pos = 0; pos < size; ) {
                    buf.clear().limit((int) Math.min(BLOCK, size - pos));
                    while (buf.hasRemaining()) {
                        if (in.read(buf, pos + buf.position()) < 0) throw new AssertionError("short");
                    }
                    buf.flip();
                    int n = buf.remaining();
                    digests.accept(buf, pos);
                    pos += n;
                    if (pauseMillis > 0) Thread.sleep(pauseMillis);
                }
                digests.finish();
                return new Copied(digests, journaled);
            }
        };
    }

    private String sha256sum(Path file, long skip, long count) throws Exception {
        String out = Smbd.run(List.of("sh", "-c", "tail -c +$(($1 + 1)) \"$0\" | head -c $2 | sha256sum", file.toString(), Long.toString(skip),
                Long.toString(count)), null);
        return out.split(" ")[0];
    }

    @Test
    void copiesInStepTakeTheGroupsDigestsAndALaggardCarriesOnFromAClonedState() throws Exception {
        long size = 9L * BLOCK + 100;
        byte[] data = new byte[(int) size];
        new Random(19).nextBytes(data);
        Path src = Files.write(dir.resolve("Win7.ckm"), data);
        var reads = new SharedSourceReads(BLOCK, 3, 100, () -> 4, CHUNK);
        var start = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        List<Copied> copies = new ArrayList<>();
        try {
            var futures = new ArrayList<Future<Copied>>();
            for (int i = 0; i < 4; i++) futures.add(pool.submit(copy(reads, src, size, start, i == 3 ? 250 : 0)));
            for (var f : futures) copies.add(f.get(120, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        String whole = sha256sum(src, 0, size);
        var checkpoints = new ArrayList<String>();
        var chunks = new ArrayList<String>();
        var journal = new ArrayList<String>();
        for (long end = CHUNK; ; end += CHUNK) {
            long e = Math.min(end, size);
            checkpoints.add(sha256sum(src, 0, e));
            chunks.add(sha256sum(src, end - CHUNK, e - (end - CHUNK)));
            journal.add((checkpoints.size() - 1) + " " + checkpoints.get(checkpoints.size() - 1));
            if (e == size) break;
        }
        for (Copied c : copies) {
            assertEquals(whole, c.digests().hex());
            assertEquals(checkpoints, c.digests().checkpoints());
            assertEquals(chunks, c.digests().chunkHashes());
            assertEquals(journal, c.journaled(), "the journal heard of every checkpoint, in order");
        }
        for (int i = 0; i < 3; i++) assertTrue(copies.get(i).digests().followedAll(), "copy " + i + " hashed nothing itself");
        assertFalse(copies.get(3).digests().followedAll(), "the laggard left the group and hashed the rest itself");
        assertTrue(reads.bytesReadAlone() > 0);
        assertTrue(reads.bytesHashed() < 2 * size, "once for the group, plus the laggard's part: " + reads.bytesHashed() + " for " + size);
        assertTrue(reads.bytesHashed() >= size, reads.bytesHashed() + "");
    }
}
