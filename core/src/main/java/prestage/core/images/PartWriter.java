package prestage.core.images;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes blocks to the part file and keeps the disk busy while doing it: after each {@code flushEvery}
 * bytes a background fdatasync pushes what was written so far to the disk. Left alone the kernel starts
 * writing only when gigabytes are dirty and the final fsync then waits for all of it; flushing as we go
 * overlaps the disk's work with the copy. The journal learns each offset that is on the disk.
 */
final class PartWriter implements BlockConsumer {
    interface Durable {
        void upTo(long offset) throws IOException;
    }

    private final FileChannel out;
    private final long flushEvery;
    private final ExecutorService threads;
    private final Durable durable;
    private long end;
    private long lastFlushStart;
    private Future<?> flushing;

    PartWriter(FileChannel out, long start, long flushEvery, ExecutorService threads, Durable durable) {
        this.out = out;
        this.end = start;
        this.lastFlushStart = start;
        this.flushEvery = flushEvery;
        this.threads = threads;
        this.durable = durable;
    }

    @Override
    public void accept(ByteBuffer block, long offset) throws IOException {
        if (offset != end) throw new IllegalStateException("write at " + offset + ", expected " + end);
        long pos = offset;
        while (block.hasRemaining()) pos += out.write(block, pos);
        end = pos;
        if (flushEvery > 0 && end - lastFlushStart >= flushEvery && flushDone()) {
            long upTo = end;
            lastFlushStart = upTo;
            flushing = threads.submit(() -> {
                out.force(false);
                durable.upTo(upTo);
                return null;
            });
        }
    }

    /** Waits for the background flush; its failure (a full disk, an I/O error) is ours. */
    @Override
    public void finish() throws IOException {
        if (flushing != null) await(flushing);
    }

    private boolean flushDone() throws IOException {
        if (flushing == null) return true;
        if (!flushing.isDone()) return false;
        await(flushing);
        return true;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while flushing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        }
    }
}
