package prestage.core.images;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * Writes blocks to the part file. Where the filesystem allows, with O_DIRECT: the block goes from the very
 * buffer that was hashed to the device, without a copy into the page cache and the kernel's writeback work
 * (half push's CPU), and the copy does not crowd the cache, so a verify after a push reads the disk. The
 * bytes of a last block that is not a whole number of sectors go through an ordinary descriptor.
 *
 * <p>Elsewhere (tmpfs, FUSE, odd block sizes) the writes are buffered, and a background fdatasync after each
 * {@code flushEvery} bytes keeps the disk busy: left alone the kernel starts writing only when gigabytes are
 * dirty and the final fsync then waits for all of it.
 *
 * <p>The journal learns each offset up to which the part is written through.
 */
final class PartWriter implements BlockConsumer, AutoCloseable {
    interface Written {
        void upTo(long offset) throws IOException;
    }

    private final Path part;
    private final FileChannel direct; // null when writing buffered
    private final int sector;
    private final long flushEvery;
    private final ExecutorService threads;
    private final Written written;
    private FileChannel buffered;
    private long end;
    private long lastFlushStart;
    private Future<?> flushing;

    private PartWriter(Path part, FileChannel direct, FileChannel buffered, int sector, long start, CopyTuning tuning,
                       ExecutorService threads, Written written) {
        this.part = part;
        this.direct = direct;
        this.buffered = buffered;
        this.sector = sector;
        this.end = start;
        this.lastFlushStart = start;
        this.flushEvery = tuning.flushEvery();
        this.threads = threads;
        this.written = written;
    }

    /** Opens (creating) the part, cut back to {@code start}, the bytes already there and checked. */
    static PartWriter open(Path part, long start, CopyTuning tuning, ExecutorService threads, Written written) throws IOException {
        try (var created = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            created.truncate(start);
        }
        FileChannel direct = tuning.directWrites() ? openDirect(part, start, tuning) : null;
        if (direct != null) {
            int sector = (int) Files.getFileStore(part).getBlockSize();
            return new PartWriter(part, direct, null, sector, start, tuning, threads, written);
        }
        return new PartWriter(part, null, FileChannel.open(part, StandardOpenOption.WRITE), 1, start, tuning, threads, written);
    }

    /** O_DIRECT if this filesystem takes it and our blocks fit its sector size; else null. */
    private static FileChannel openDirect(Path part, long start, CopyTuning tuning) {
        try {
            long sector = Files.getFileStore(part).getBlockSize();
            if (sector <= 0 || BufferPool.ALIGNMENT % sector != 0 || tuning.bufferSize() % sector != 0
                    || tuning.chunkSize() % sector != 0 || start % sector != 0) {
                return null;
            }
            return FileChannel.open(part, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // tmpfs and FUSE answer EINVAL; buffered writes work everywhere
        }
    }

    boolean direct() {
        return direct != null;
    }

    @Override
    public void accept(ByteBuffer block, long offset) throws IOException {
        if (offset != end) throw new IllegalStateException("write at " + offset + ", expected " + end);
        if (direct != null) {
            int whole = block.remaining() / sector * sector;
            ByteBuffer head = block.duplicate().limit(block.position() + whole);
            long pos = offset;
            while (head.hasRemaining()) pos += direct.write(head, pos);
            block.position(block.position() + whole);
            while (block.hasRemaining()) pos += buffered().write(block, pos);
            end = pos;
            written.upTo(end);
            return;
        }
        long pos = offset;
        while (block.hasRemaining()) pos += buffered().write(block, pos);
        end = pos;
        if (flushEvery > 0 && end - lastFlushStart >= flushEvery && flushDone()) {
            long upTo = end;
            lastFlushStart = upTo;
            FileChannel ch = buffered;
            flushing = threads.submit(() -> {
                ch.force(false);
                written.upTo(upTo);
                return null;
            });
        }
    }

    private FileChannel buffered() throws IOException {
        if (buffered == null) buffered = FileChannel.open(part, StandardOpenOption.WRITE);
        return buffered;
    }

    /** Waits for the background flush; its failure (a full disk, an I/O error) is ours. */
    @Override
    public void finish() throws IOException {
        if (flushing != null) await(flushing);
        if (direct == null) written.upTo(end);
    }

    /** fsync: the data and the file's size and times are on the disk. */
    void sync() throws IOException {
        if (buffered != null) buffered.force(true);
        if (direct != null) direct.force(true);
    }

    long size() throws IOException {
        return (direct != null ? direct : buffered).size();
    }

    @Override
    public void close() throws IOException {
        try {
            if (direct != null) direct.close();
        } finally {
            if (buffered != null) buffered.close();
        }
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
