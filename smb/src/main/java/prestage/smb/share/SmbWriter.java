package prestage.smb.share;

import prestage.smb.connect.SmbFailures;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.mssmb2.messages.SMB2WriteRequest;
import com.hierynomus.mssmb2.messages.SMB2WriteResponse;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.smbj.share.File;
import com.hierynomus.smbj.share.TreeConnect;

/**
 * Writes one remote file with several SMB2 WRITE requests in flight. smbj serializes (and signs) a request and puts
 * it on the socket inside {@code writeAsync}, so the caller's buffer is free again when a write returns; only the
 * server's answers are awaited later, at most {@code inFlight} behind. Each request carries at most the negotiated
 * maximum write size. Its methods are synchronized, so another thread may {@link #flush()} while one writes.
 * <p>
 * The WRITE requests go through the session directly rather than {@code File.writeAsync}: smbj's asynchronous write
 * drops the server's status and reports any failed write as "server wrote less bytes (0)", so a full disk
 * (STATUS_DISK_FULL) could not be told from a cut connection. Here the status is read from each answer.
 */
public final class SmbWriter implements AutoCloseable {
    private final File file;
    private final int chunk;
    private final int inFlight;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private byte[] scratch;
    private long end;

    private final TreeConnect tree;

    private record Pending(Future<SMB2WriteResponse> answer, long offset, int length) {
    }

    SmbWriter(File file, int chunk, int inFlight) {
        this.file = file;
        this.chunk = chunk;
        this.inFlight = Math.max(1, inFlight);
        this.tree = file.getDiskShare().getTreeConnect();
    }

    /** One SMB2 WRITE of the whole provider, as smbj's Share would send it; the answer keeps the server's status. */
    private Future<SMB2WriteResponse> send(OneCopyChunkProvider payload) throws IOException {
        if (!file.getDiskShare().isConnected()) throw new IOException("the connection to " + host() + " is closed; run the push again");
        var request = new SMB2WriteRequest(tree.getNegotiatedProtocol().getDialect(), file.getFileId(), tree.getSession().getSessionId(),
                tree.getTreeId(), payload, chunk);
        try {
            return tree.getSession().send(request);
        } catch (TransportException e) {
            throw new IOException("write to " + file.getFileName() + " on " + host() + " failed: " + SmbFailures.oneLine(e), e);
        }
    }

    private String host() {
        return tree.getSession().getConnection().getRemoteHostname();
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
                // as large as this write needs, not the 8 MiB a request may carry: a fleet pushing small files to many
                // clients made one 8 MiB array per file, each allocated straight into the old generation
                if (scratch == null || scratch.length < n) scratch = new byte[n];
                src.duplicate().get(scratch, 0, n);
                array = scratch;
                offset = 0;
            }
            while (pending.size() >= inFlight) awaitOldest();
            try {
                pending.add(new Pending(send(new OneCopyChunkProvider(array, offset, n, pos)), pos, n));
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
        SMB2WriteResponse answer;
        try {
            answer = p.answer.get(file.getDiskShare().getTreeConnect().getConfig().getTransactTimeout(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(host() + " did not answer a write to " + file.getFileName() + " within "
                    + file.getDiskShare().getTreeConnect().getConfig().getTransactTimeout() / 1000 + " s (--timeout): check that it is up and"
                    + " reachable, then push again (it carries on from what was written)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + file.getFileName());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException("write at " + p.offset + " to " + file.getFileName() + " on " + host() + " failed: "
                    + SmbFailures.oneLine(c == null ? e : c), c);
        }
        long code = answer.getHeader().getStatusCode();
        if (code != NtStatus.STATUS_SUCCESS.getValue()) throw failed(NtStatus.valueOf(code), p);
        if (answer.getBytesWritten() != p.length) {
            throw new IOException("server " + host() + " wrote " + answer.getBytesWritten() + " of " + p.length + " bytes at " + p.offset + " to " + file.getFileName());
        }
    }

    /** One line: what failed where, and what to do about the statuses a user can act on. */
    private IOException failed(NtStatus status, Pending p) {
        String share = file.getDiskShare().getSmbPath().toString();
        return switch (status) {
            case STATUS_DISK_FULL -> new IOException("the disk behind " + share + " is full (" + status + ", writing " + file.getFileName()
                    + " at byte " + p.offset + "): free space on " + host() + ", then push again (it carries on from what was written)");
            case STATUS_ACCESS_DENIED -> new IOException("writing " + file.getFileName() + " on " + share + " was refused (" + status
                    + "): log on as an administrator of " + host());
            default -> new IOException("write at " + p.offset + " to " + file.getFileName() + " failed (" + status + ")");
        };
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
            Uninterrupted.run(file::close);
        }
    }
}
