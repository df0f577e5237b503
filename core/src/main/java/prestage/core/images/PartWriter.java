package prestage.core.images;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.WritableFile;

/**
 * Writes blocks to the part file through the client. Where the client writes through its caches (O_DIRECT
 * locally) a block is on the device when the write returns; elsewhere a background flush after each
 * {@code flushEvery} bytes keeps the device busy: left alone the kernel starts writing only when gigabytes are
 * dirty and the final fsync then waits for all of it. The journal learns each offset up to which the part is on
 * the device.
 */
final class PartWriter implements BlockConsumer, AutoCloseable {
    interface Written {
        void upTo(long offset) throws IOException;
    }

    private final WritableFile file;
    private final long flushEvery;
    private final ExecutorService threads;
    private final Written written;
    private long end;
    private long lastFlushStart;
    private Future<?> flushing;

    private PartWriter(WritableFile file, long start, CopyTuning tuning, ExecutorService threads, Written written) {
        this.file = file;
        this.end = start;
        this.lastFlushStart = start;
        this.flushEvery = tuning.flushEvery();
        this.threads = threads;
        this.written = written;
    }

    /** Opens (creating) the part, cut back to {@code start}, the bytes already there and checked. */
    static PartWriter open(Client client, ClientPath part, long start, long size, CopyTuning tuning, ExecutorService threads, Written written)
            throws IOException {
        // writing around the cache needs whole sectors: blocks (bar the last) and the start must be multiples of a page;
        // a file of one block goes through the cache: it gains nothing from O_DIRECT and would open a second descriptor
        boolean bulk = tuning.directWrites() && !tuning.oneBlock(size) && tuning.bufferSize() % 4096 == 0 && tuning.chunkSize() % 4096 == 0
                && start % 4096 == 0;
        return new PartWriter(client.openWrite(part, start, bulk), start, tuning, threads, written);
    }

    boolean direct() {
        return file.writesThrough();
    }

    @Override
    public void accept(ByteBuffer block, long offset) throws IOException {
        if (offset != end) throw new IllegalStateException("write at " + offset + ", expected " + end);
        end = offset + block.remaining();
        file.write(block, offset);
        if (file.writesThrough()) {
            written.upTo(end);
            return;
        }
        if (flushEvery > 0 && end - lastFlushStart >= flushEvery && flushDone()) {
            long upTo = end;
            lastFlushStart = upTo;
            flushing = threads.submit(() -> {
                file.flush();
                written.upTo(upTo);
                return null;
            });
        }
    }

    /** Waits for the background flush; its failure (a full disk, an I/O error) is ours. */
    @Override
    public void finish() throws IOException {
        if (flushing != null) await(flushing);
        if (!file.writesThrough()) written.upTo(end);
    }

    /** fsync: the data and the file's size and times are on the device. */
    void sync() throws IOException {
        file.sync();
    }

    long size() throws IOException {
        return file.size();
    }

    void setModified(java.time.Instant time) throws IOException {
        file.setModified(time);
    }

    @Override
    public void close() throws IOException {
        file.close();
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
