package prestage.smb.share;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.smbj.share.File;

/**
 * Reads one remote file: positional reads ({@link #read(ByteBuffer, long)}) and a sequential stream
 * ({@link #next(ByteBuffer)}) that keeps several SMB2 READ requests in flight ahead of the reader. smbj 0.14 keeps its
 * asynchronous read package-private, so the reads ahead are blocking reads on a few daemon threads; smbj multiplexes
 * them on the one connection.
 */
public final class SmbReader implements AutoCloseable {
    private final File file;
    private final int chunk;
    private final int inFlight;
    private final long size;
    private ExecutorService pool;
    private final ArrayDeque<CompletableFuture<ByteBuffer>> ahead = new ArrayDeque<>();
    private long nextRequest;
    private ByteBuffer current;

    SmbReader(File file, int chunk, int inFlight) {
        this.file = file;
        this.chunk = chunk;
        this.inFlight = Math.max(1, inFlight);
        this.size = file.getFileInformation(FileStandardInformation.class).getEndOfFile();
    }

    public long size() {
        return size;
    }

    /** Reads up to {@code dst.remaining()} bytes at {@code position}; -1 at the end of the file. */
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position >= size) return -1;
        int want = (int) Math.min(dst.remaining(), Math.min(size - position, chunk));
        byte[] b = new byte[want];
        int n = readFully(b, position);
        dst.put(b, 0, n);
        return n;
    }

    private int readFully(byte[] b, long position) throws IOException {
        int done = 0;
        try {
            while (done < b.length) {
                int n = file.read(b, position + done, done, b.length - done);
                if (n <= 0) break;
                done += n;
            }
        } catch (RuntimeException e) {
            throw new IOException("read at " + position + " from " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
        return done;
    }

    /** The next bytes of the file in order into {@code dst}; -1 at the end. Reads ahead with several requests in flight. */
    public int next(ByteBuffer dst) throws IOException {
        if (current == null || !current.hasRemaining()) {
            fillAhead();
            if (ahead.isEmpty()) return -1;
            try {
                current = ahead.removeFirst().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + file.getFileName());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            fillAhead();
            if (!current.hasRemaining()) return -1;
        }
        int n = Math.min(dst.remaining(), current.remaining());
        dst.put(current.array(), current.position(), n);
        current.position(current.position() + n);
        return n;
    }

    private void fillAhead() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(inFlight, r -> {
                Thread t = new Thread(r, "smb-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        while (ahead.size() < inFlight && nextRequest < size) {
            long pos = nextRequest;
            int len = (int) Math.min(chunk, size - pos);
            nextRequest += len;
            ahead.add(CompletableFuture.supplyAsync(() -> {
                byte[] b = new byte[len];
                try {
                    int n = readFully(b, pos);
                    if (n != len) throw new IOException(file.getFileName() + " ended at " + (pos + n) + " while reading to " + size);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
                return ByteBuffer.wrap(b);
            }, pool));
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
        ahead.clear();
        file.close();
    }
}
