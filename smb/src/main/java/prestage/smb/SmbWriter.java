package prestage.smb;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.smbj.share.File;

/**
 * Writes one remote file with several SMB2 WRITE requests in flight. smbj serializes (and signs) a request and puts
 * it on the socket inside {@code writeAsync}, so the caller's buffer is free again when a write returns; only the
 * server's answers are awaited later, at most {@code inFlight} behind. Each request carries at most the negotiated
 * maximum write size. Its methods are synchronized, so another thread may {@link #flush()} while one writes.
 */
public final class SmbWriter implements AutoCloseable {
    private final File file;
    private final int chunk;
    private final int inFlight;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private byte[] scratch;
    private long end;

    private record Pending(Future<Long> answer, long offset, int length) {
    }

    SmbWriter(File file, int chunk, int inFlight) {
        this.file = file;
        this.chunk = chunk;
        this.inFlight = Math.max(1, inFlight);
    }

    /** The largest request this writer sends; callers do best to write in multiples of it. */
    public int chunkSize() {
        return chunk;
    }

    /** Writes all of {@code src} at {@code position}; returns once it is sent, not once it is acknowledged. */
    public synchronized void write(ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), chunk);
            byte[] array;
            int offset;
            if (src.hasArray()) {
                array = src.array();
                offset = src.arrayOffset() + src.position();
            } else {
                if (scratch == null || scratch.length < n) scratch = new byte[chunk];
                src.duplicate().get(scratch, 0, n);
                array = scratch;
                offset = 0;
            }
            while (pending.size() >= inFlight) awaitOldest();
            try {
                pending.add(new Pending(file.writeAsync(new OneCopyChunkProvider(array, offset, n, pos)), pos, n));
            } catch (RuntimeException e) {
                throw new IOException("write of " + n + " bytes at " + pos + " to " + file.getFileName() + " failed: " + e.getMessage(), e);
            }
            src.position(src.position() + n);
            pos += n;
            end = Math.max(end, pos);
        }
    }

    public void write(byte[] data, int offset, int length, long position) throws IOException {
        write(ByteBuffer.wrap(data, offset, length), position);
    }

    private void awaitOldest() throws IOException {
        Pending p = pending.removeFirst();
        try {
            long written = p.answer.get();
            if (written != p.length) {
                throw new IOException("server wrote " + written + " of " + p.length + " bytes at " + p.offset + " to " + file.getFileName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + file.getFileName());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException("write at " + p.offset + " to " + file.getFileName() + " failed: " + (c == null ? e : c).getMessage(), c);
        }
    }

    /** Waits until the server has acknowledged every write sent so far. */
    public synchronized void drain() throws IOException {
        while (!pending.isEmpty()) awaitOldest();
    }

    /** Drains, then asks the server to put the file on stable storage (SMB2 FLUSH). */
    public synchronized void flush() throws IOException {
        drain();
        try {
            file.flush();
        } catch (RuntimeException e) {
            throw new IOException("flush of " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    /** The file's size as the server sees it (after draining). */
    public synchronized long size() throws IOException {
        drain();
        return file.getFileInformation(FileStandardInformation.class).getEndOfFile();
    }

    /** Cuts or extends the file to {@code length} bytes (SMB2 SET_INFO FileEndOfFileInformation). */
    public synchronized void setLength(long length) throws IOException {
        drain();
        try {
            file.setLength(length);
        } catch (RuntimeException e) {
            throw new IOException("cannot set the size of " + file.getFileName() + " to " + length + ": " + e.getMessage(), e);
        }
        end = length;
    }

    /** Sets the file's last-write time (SMB2 SET_INFO FileBasicInformation), leaving the other times. */
    public synchronized void setModified(java.time.Instant when) throws IOException {
        drain();
        var t = WindowsTime.of(when);
        var keep = com.hierynomus.msfscc.fileinformation.FileBasicInformation.DONT_SET;
        try {
            file.setFileInformation(new com.hierynomus.msfscc.fileinformation.FileBasicInformation(keep, keep, t, keep, 0));
        } catch (RuntimeException e) {
            throw new IOException("cannot set the time of " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Drains and closes; the first write failure is thrown even when closing then succeeds. */
    @Override
    public synchronized void close() throws IOException {
        try {
            drain();
        } finally {
            pending.clear();
            file.close();
        }
    }
}
