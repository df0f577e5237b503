package prestage.smb.connect;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2FileId;
import com.hierynomus.mssmb2.messages.SMB2ReadRequest;
import com.hierynomus.security.Mac;
import com.hierynomus.security.SecurityException;
import com.hierynomus.security.SecurityProvider;

/**
 * Where the data of one SMB2 READ answer goes: a region of the requester's own array. A READ sent as a
 * {@link Request} through smbj's session is registered with {@link PayloadByReferenceTransport} as it goes out;
 * {@link ReadIntoBufferReader} then reads the answer's data from the socket straight into {@link #array} and checks
 * its signature where it lies, and smbj sees an answer with no data. Why: smbj 0.14 allocates a packet array per
 * answer and copies the data out of it again ({@code SMB2ReadResponse.readMessage}); with JDK 17's GCM buffering the
 * signed bytes twice more, that made five arrays of the READ's size per READ, the serial collector promoted those of
 * the READs in flight, and verify over SMB spent a third of its CPU collecting them (bench/smb/RESULTS.md).
 * <p>
 * When the answer does not come that way (an error status, a sealed session, smbj's own transport), {@link #filled()}
 * stays -1 and the requester takes the data smbj parsed.
 */
public final class ReadSink {
    final byte[] array;
    final int offset;
    final int capacity;
    private final SecurityProvider security;
    private final byte[] key;
    private final String keyAlgorithm;
    private volatile int filled = -1;
    private volatile String failure;
    /** Who may write the array: nobody yet, the reader now, nobody any more (answered, or the requester gave up). */
    private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(WAITING);
    private static final int WAITING = 0;
    private static final int FILLING = 1;
    private static final int CLOSED = 2;

    /**
     * @param security the connection's provider (smbj's {@code PacketSignatory} takes its MAC from there too)
     * @param key the session's signing key ({@code Session.getSigningKey(header, false)}); null when the session
     *            does not sign, and then no answer is read into the array (smbj's checks stay in charge)
     */
    public ReadSink(byte[] array, int offset, int capacity, SecurityProvider security, javax.crypto.SecretKey key) {
        if (offset < 0 || capacity < 0 || offset + capacity > array.length) throw new IndexOutOfBoundsException(offset + "+" + capacity + " > " + array.length);
        this.array = array;
        this.offset = offset;
        this.capacity = capacity;
        this.security = security;
        this.key = key == null ? null : key.getEncoded();
        this.keyAlgorithm = key == null ? null : key.getAlgorithm();
    }

    /** The array the answer's data goes into, from {@link #offset()}. */
    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    /** Bytes the answer put into the array, or -1 when its data (if any) is in smbj's answer instead. */
    public int filled() {
        return filled;
    }

    /** Why the answer's data was refused (its signature did not check), or null. */
    public String failure() {
        return failure;
    }

    boolean signs() {
        return key != null;
    }

    void filled(int n) {
        filled = n;
    }

    void failed(String why) {
        failure = why;
    }

    /** The reader takes the array for the answer; false when the requester stopped waiting (the answer goes smbj's way). */
    boolean claim() {
        return state.compareAndSet(WAITING, FILLING);
    }

    /** The reader is done with the array: filled, refused, or the connection broke while filling it. */
    synchronized void release() {
        state.set(CLOSED);
        notifyAll();
    }

    /**
     * The requester stops waiting (a time-out, an interrupt, closing the file): an answer that comes later is not read
     * into the array, which may already hold other bytes (a pooled buffer, the next file). If the reader is filling it
     * right now, waits until it is done (its socket reads time out at --timeout), at most {@code patienceMillis}.
     *
     * @return whether the array is the requester's again; false only when the reader is still filling it after that
     */
    public synchronized boolean cancel(long patienceMillis) {
        if (state.compareAndSet(WAITING, CLOSED)) return true;
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        boolean interrupted = false;
        while (state.get() == FILLING) {
            long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) break;
            try {
                wait(left);
            } catch (InterruptedException e) {
                interrupted = true; // the fill ends within the socket's time-out; the interrupt is kept for the caller
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return state.get() != FILLING;
    }

    /** A MAC keyed for checking one answer, as smbj's PacketSignatory makes it. */
    Mac mac() {
        try {
            Mac mac = security.getMac(keyAlgorithm);
            mac.init(key);
            return mac;
        } catch (SecurityException e) {
            throw new IllegalStateException("no " + keyAlgorithm + " to check a signed answer with", e);
        }
    }

    /** An SMB2 READ whose answer's data goes into {@code sink}; send it with {@code Session.send}. */
    public static final class Request extends SMB2ReadRequest {
        final ReadSink sink;

        public Request(SMB2Dialect dialect, SMB2FileId fileId, long sessionId, long treeId, long offset, ReadSink sink) {
            super(dialect, fileId, sessionId, treeId, offset, sink.capacity);
            this.sink = sink;
        }
    }
}
