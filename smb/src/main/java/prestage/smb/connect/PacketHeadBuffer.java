package prestage.smb.connect;

import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.smb.SMBBuffer;

/**
 * The buffer a packet is serialized into by {@link PayloadByReferenceTransport}: everything is copied in as usual,
 * except one large raw byte run at the end (a WRITE's payload), which is only remembered (array, offset, length) and
 * sent from the caller's array. smbj's own buffer would grow to the next power of two past header + payload (16 MiB
 * for an 8 MiB WRITE) and copy the payload into it: about two bytes allocated and one copied per byte sent, and with
 * several WRITEs in flight the garbage collector copied the live ones again.
 * <p>
 * Should anything be put after the remembered run, the run is copied in first, so the bytes always come out in the
 * order they were put. {@link #wpos()} counts the remembered run (smbj records it as the message's end);
 * {@link #array()} and {@link #available()} cover only the copied head.
 */
public final class PacketHeadBuffer extends SMBBuffer {
    /** Runs at least this long are sent by reference; shorter ones are cheaper copied than written separately. */
    static final int BY_REFERENCE = 64 * 1024;

    private byte[] tail;
    private int tailOffset;
    private int tailLength;
    private boolean copyingTail;

    /** Empties the buffer for the next packet (keeps its array) and forgets the tail. */
    void reset() {
        clear();
        tail = null;
        tailLength = 0;
    }

    /** The remembered run's array, or null when the whole packet is in {@link #array()}. */
    byte[] tail() {
        return tail;
    }

    int tailOffset() {
        return tailOffset;
    }

    int tailLength() {
        return tailLength;
    }

    @Override
    public Buffer<SMBBuffer> putRawBytes(byte[] buf, int offset, int length) {
        if (length >= BY_REFERENCE && tail == null) {
            tail = buf;
            tailOffset = offset;
            tailLength = length;
            return this;
        }
        return super.putRawBytes(buf, offset, length);
    }

    /** Every put of {@link Buffer} asks for capacity first: the moment to copy a remembered run in ahead of it. */
    @Override
    public void ensureCapacity(int capacity) {
        if (tail != null && !copyingTail) copyTailIn();
        super.ensureCapacity(capacity);
    }

    private void copyTailIn() {
        copyingTail = true;
        try {
            byte[] t = tail;
            tail = null;
            int n = tailLength;
            tailLength = 0;
            super.putRawBytes(t, tailOffset, n);
        } finally {
            copyingTail = false;
        }
    }

    @Override
    public int wpos() {
        return super.wpos() + tailLength;
    }

    @Override
    public void wpos(int wpos) {
        if (tail != null) copyTailIn();
        super.wpos(wpos);
    }
}
