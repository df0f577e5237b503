package prestage.smb.share;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.mssmb2.messages.SMB2ReadResponse;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.smbj.share.File;
import com.hierynomus.smbj.share.TreeConnect;

import prestage.smb.connect.ReadSink;
import prestage.smb.connect.SmbFailures;

/**
 * Reads one remote file: positional reads ({@link #read(ByteBuffer, long)}) and a sequential stream
 * ({@link #next(ByteBuffer)}) that keeps several SMB2 READ requests in flight ahead of the reader. The READs go
 * through the session as {@link ReadSink.Request}s, so their answers' data lands in arrays of this reader's own
 * (reused from one READ to the next: a stream holds {@code inFlight + 1} arrays of one READ's size, whatever the
 * file's size) instead of the two arrays smbj allocates per answer; the connection's reader thread fills them, so a
 * stream needs no threads of its own.
 */
public final class SmbReader implements AutoCloseable {
    private final File file;
    private final TreeConnect tree;
    private final int chunk;
    private final int inFlight;
    private final long size;
    private final ArrayDeque<Read> ahead = new ArrayDeque<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private long nextRequest;
    private ByteBuffer current;

    /** One READ sent: its answer, and where its data goes. */
    private record Read(Future<SMB2ReadResponse> answer, ReadSink sink, long position, int length) {
    }

    SmbReader(File file, int chunk, int inFlight) {
        this.file = file;
        this.tree = file.getDiskShare().getTreeConnect();
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
        byte[] into;
        int at;
        if (dst.hasArray()) {
            into = dst.array();
            at = dst.arrayOffset() + dst.position();
        } else {
            into = new byte[want];
            at = 0;
        }
        int n = readFully(into, at, want, position);
        if (dst.hasArray()) dst.position(dst.position() + n);
        else dst.put(into, 0, n);
        return n;
    }

    /** Up to {@code length} bytes at {@code position} into {@code into[at..]}: fewer only at the end of the file. */
    private int readFully(byte[] into, int at, int length, long position) throws IOException {
        int done = 0;
        while (done < length) {
            int n = await(send(into, at + done, length - done, position + done));
            if (n <= 0) break;
            done += n;
        }
        return done;
    }

    private Read send(byte[] into, int at, int length, long position) throws IOException {
        if (!tree.getSession().getConnection().isConnected()) throw new IOException("the connection to " + host() + " is closed");
        var session = tree.getSession();
        var sink = new ReadSink(into, at, length, tree.getConfig().getSecurityProvider(), session.getSigningKey(headerOfRead(), false));
        var request = new ReadSink.Request(tree.getNegotiatedProtocol().getDialect(), file.getFileId(), session.getSessionId(), tree.getTreeId(), position, sink);
        try {
            return new Read(session.send(request), sink, position, length);
        } catch (TransportException e) {
            throw new IOException("read at " + position + " from " + file.getFileName() + " on " + host() + " failed: " + SmbFailures.oneLine(e), e);
        }
    }

    /** A READ request's header, for Session.getSigningKey (which key signs depends on the command only for SESSION_SETUP). */
    private com.hierynomus.mssmb2.SMB2PacketHeader headerOfRead() {
        var h = new com.hierynomus.mssmb2.SMB2PacketHeader();
        h.setMessageType(com.hierynomus.mssmb2.SMB2MessageCommandCode.SMB2_READ);
        return h;
    }

    /** Waits for one READ's answer; returns the bytes now in its sink's array (0 at the end of the file). */
    private int await(Read r) throws IOException {
        SMB2ReadResponse answer;
        long timeout = tree.getConfig().getTransactTimeout();
        try {
            answer = r.answer.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            r.sink.cancel(timeout); // a late answer must not land in an array its owner has taken back
            throw new IOException(host() + " did not answer a read of " + file.getFileName() + " within " + timeout / 1000 + " s (--timeout)", e);
        } catch (InterruptedException e) {
            r.sink.cancel(timeout);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + file.getFileName());
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IOException("read at " + r.position + " from " + file.getFileName() + " on " + host() + " failed: " + SmbFailures.oneLine(c), c);
        }
        if (r.sink.failure() != null) throw new IOException("read at " + r.position + " from " + file.getFileName() + " on " + host() + " refused: " + r.sink.failure());
        long code = answer.getHeader().getStatusCode();
        if (code == NtStatus.STATUS_END_OF_FILE.getValue()) return 0;
        if (code != NtStatus.STATUS_SUCCESS.getValue() && code != NtStatus.STATUS_BUFFER_OVERFLOW.getValue()) {
            throw new IOException("read at " + r.position + " from " + file.getFileName() + " on " + host() + " failed (" + NtStatus.valueOf(code) + ")");
        }
        if (r.sink.filled() >= 0) return r.sink.filled();
        // the data came the way smbj reads it (a sealed session, smbj's own transport)
        byte[] data = answer.getData();
        int n = Math.min(answer.getDataLength(), r.length);
        System.arraycopy(data, 0, r.sink.array(), r.sink.offset(), n);
        return n;
    }

    private String host() {
        return tree.getSession().getConnection().getRemoteHostname();
    }

    /** The next bytes of the file in order into {@code dst}; -1 at the end. Reads ahead with several requests in flight. */
    public int next(ByteBuffer dst) throws IOException {
        if (current == null || !current.hasRemaining()) {
            if (current != null) free.add(current.array());
            current = null;
            fillAhead();
            if (ahead.isEmpty()) return -1;
            Read r = ahead.removeFirst();
            int n = await(r);
            if (n < r.length) {
                if (r.position + n < size && n > 0) n += readFully(r.sink.array(), n, r.length - n, r.position + n);
                if (n < r.length) throw new IOException(file.getFileName() + " ended at " + (r.position + n) + " while reading to " + size);
            }
            current = ByteBuffer.wrap(r.sink.array(), 0, n);
            fillAhead();
            if (!current.hasRemaining()) return -1;
        }
        int n = Math.min(dst.remaining(), current.remaining());
        dst.put(current.array(), current.position(), n);
        current.position(current.position() + n);
        return n;
    }

    private void fillAhead() throws IOException {
        while (ahead.size() < inFlight && nextRequest < size) {
            long pos = nextRequest;
            int len = (int) Math.min(chunk, size - pos);
            byte[] into = free.isEmpty() ? new byte[(int) Math.min(chunk, size)] : free.removeFirst();
            ahead.add(send(into, 0, len, pos));
            nextRequest += len;
        }
    }

    /**
     * Closes the file. READs still in flight are cancelled first, so that no answer is written into an array after
     * this reader is gone (one being written now is waited for); the arrays are then left to the collector.
     */
    @Override
    public void close() {
        long timeout = tree.getConfig().getTransactTimeout();
        for (Read r : ahead) r.sink.cancel(timeout);
        ahead.clear();
        free.clear();
        Uninterrupted.run(file::close);
    }
}
