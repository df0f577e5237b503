package prestage.smb.connect;

import static prestage.smb.connect.SigningNegotiation.u16;
import static prestage.smb.connect.SigningNegotiation.u32;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hierynomus.mssmb2.SMB2PacketData;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.protocol.transport.PacketFactory;
import com.hierynomus.protocol.transport.PacketReceiver;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.security.Mac;
import com.hierynomus.smb.SMBPacketData;
import com.hierynomus.smbj.transport.PacketReader;

/**
 * smbj's packet reader for direct TCP ({@code DirectTcpPacketReader}: a zero byte and a 24-bit length before each
 * message, the message handed to smbj's packet factory), except for the answers to READs sent as
 * {@link ReadSink.Request}: their data is read from the socket straight into the requester's array and its
 * signature checked there (MS-SMB2 3.2.5.1.3, as smbj's {@code PacketSignatory.verify} does it); smbj then gets the
 * answer's header and READ fields with a DataLength of 0, as a packet that says its signature was checked.
 * <p>
 * What this relies on in smbj 0.14, pinned by {@code ReadIntoBufferTest} (it fails when an upgrade moves any of it):
 * {@code SMB2SignatureVerificationPacketHandler} passes a packet whose {@code isDecrypted()} is true without checking
 * it again (sealed answers are checked by their decryption), {@code Connection.send} sets the MessageId before it
 * hands the packet to the transport, and {@code SMB2ReadResponse} parses a READ answer of 80 bytes with no data.
 */
final class ReadIntoBufferReader extends PacketReader<SMBPacketData<?>> {
    static final int HEADER = 64;
    /** Header and the READ answer's fixed fields: where its data starts when the server packs it (DataOffset 0x50). */
    static final int HEAD = HEADER + 16;
    private static final int COMMAND_READ = 8;
    private static final long STATUS_PENDING = 0x103;
    private static final int FLAG_RESPONSE = 0x1;
    private static final int FLAG_SIGNED = 0x8;
    private static final int SIGNATURE = 48;
    /**
     * Bytes per read from the socket into a heap array: the JDK reads a heap array through a temporary direct buffer
     * of the same size, cached per thread, so this bounds that buffer for every connection.
     */
    static final int PIECE = 256 * 1024;
    private static final byte[] NO_SIGNATURE = new byte[16];
    /** READ answers read into a sink since the JVM started (for tests and the bench). */
    static final java.util.concurrent.atomic.AtomicLong INTO_SINKS = new java.util.concurrent.atomic.AtomicLong();

    private final PacketFactory<SMBPacketData<?>> packets;
    private final Map<Long, ReadSink> sinks = new ConcurrentHashMap<>();
    private final byte[] frame = new byte[4];

    ReadIntoBufferReader(String host, InputStream in, PacketFactory<SMBPacketData<?>> packets, PacketReceiver<SMBPacketData<?>> receiver) {
        super(host, in, receiver);
        this.packets = packets;
    }

    /** The answer to message {@code messageId} goes into {@code sink}; called before the request is sent. */
    void expect(long messageId, ReadSink sink) {
        sinks.put(messageId, sink);
    }

    @Override
    protected SMBPacketData<?> doRead() throws TransportException {
        try {
            readFully(frame, 0, 4);
            int length = (frame[1] & 0xff) << 16 | (frame[2] & 0xff) << 8 | frame[3] & 0xff;
            if (length < HEAD) return whole(new byte[length], 0);
            byte[] head = new byte[HEAD];
            readFully(head, 0, HEAD);
            ReadSink sink = sinkFor(head);
            if (sink == null || !fits(head, length, sink) || !sink.claim()) {
                byte[] all = new byte[length];
                System.arraycopy(head, 0, all, 0, HEAD);
                return whole(all, HEAD);
            }
            try {
                return intoSink(head, length, sink);
            } finally {
                sink.release();
            }
        } catch (TransportException e) {
            throw e;
        } catch (IOException | Buffer.BufferException | RuntimeException e) {
            // smbj's reader loop ends the connection (and fails every request waiting on it) only for a TransportException
            throw new TransportException(e);
        }
    }

    /** Reads the rest of a message into {@code all} (its first {@code have} bytes are there) and lets smbj parse it. */
    private SMBPacketData<?> whole(byte[] all, int have) throws IOException, Buffer.BufferException {
        readFully(all, have, all.length - have);
        return packets.read(all);
    }

    /** The sink registered for this answer, taken out of the table once the final answer (not an interim one) came. */
    private ReadSink sinkFor(byte[] head) {
        if ((head[0] & 0xff) != 0xfe || head[1] != 'S' || head[2] != 'M' || head[3] != 'B' || (head[16] & FLAG_RESPONSE) == 0) return null;
        if (sinks.isEmpty() || u32(head, 8) == STATUS_PENDING) return null;
        return sinks.remove(u64(head, 24));
    }

    /** A successful, signed, single READ answer whose data fits the sink. */
    private static boolean fits(byte[] head, int length, ReadSink sink) {
        int dataOffset = head[HEADER + 2] & 0xff;
        long dataLength = u32(head, HEADER + 4);
        return sink.signs() && u16(head, 12) == COMMAND_READ && u32(head, 8) == 0 && u32(head, 20) == 0
                && (head[16] & FLAG_SIGNED) != 0 && u16(head, HEADER) == 17 && dataOffset >= HEAD
                && dataOffset + dataLength <= length && dataLength <= sink.capacity;
    }

    private SMBPacketData<?> intoSink(byte[] head, int length, ReadSink sink) throws IOException, Buffer.BufferException {
        int dataOffset = head[HEADER + 2] & 0xff;
        int dataLength = (int) u32(head, HEADER + 4);
        byte[] padding = new byte[dataOffset - HEAD];
        readFully(padding, 0, padding.length);
        readFully(sink.array, sink.offset, dataLength);
        byte[] rest = new byte[length - dataOffset - dataLength];
        readFully(rest, 0, rest.length);

        Mac mac = sink.mac();
        mac.update(head, 0, SIGNATURE);
        mac.update(NO_SIGNATURE);
        mac.update(head, HEADER, HEAD - HEADER);
        mac.update(padding);
        mac.update(sink.array, sink.offset, dataLength);
        mac.update(rest);
        byte[] expected = java.util.Arrays.copyOf(mac.doFinal(), 16);
        if (MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(head, SIGNATURE, SIGNATURE + 16))) {
            sink.filled(dataLength);
            INTO_SINKS.incrementAndGet();
        } else {
            sink.failed("the server's answer to a READ (message " + u64(head, 24) + ") carries a signature that does not match its bytes");
        }
        // what smbj parses: the answer without its data, DataOffset at the end of what it gets
        head[HEADER + 2] = (byte) HEAD;
        head[HEADER + 4] = head[HEADER + 5] = head[HEADER + 6] = head[HEADER + 7] = 0;
        return new Checked(head);
    }

    private void readFully(byte[] b, int offset, int length) throws IOException {
        int off = offset;
        int left = length;
        while (left > 0) {
            int n = in.read(b, off, Math.min(left, PIECE));
            if (n < 0) throw new TransportException(new EOFException("EOF while reading packet"));
            off += n;
            left -= n;
        }
    }

    static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }

    /**
     * A READ answer whose signature this reader checked over the bytes as received (or whose refusal is in its sink):
     * smbj's verification passes packets that say they were decrypted, which were checked by their decryption.
     */
    static final class Checked extends SMB2PacketData {
        Checked(byte[] data) throws Buffer.BufferException {
            super(data);
        }

        @Override
        public boolean isDecrypted() {
            return true;
        }
    }
}
