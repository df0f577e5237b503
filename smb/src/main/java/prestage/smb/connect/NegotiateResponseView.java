package prestage.smb.connect;

import static prestage.smb.connect.SigningNegotiation.align8;
import static prestage.smb.connect.SigningNegotiation.u16;
import static prestage.smb.connect.SigningNegotiation.u32;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.hierynomus.mssmb2.SMB2PacketData;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.protocol.commons.buffer.Endian;
import com.hierynomus.smb.SMBBuffer;

/**
 * An SMB 3.1.1 NEGOTIATE response as smbj 0.14 can parse it (see {@link SigningNegotiation}): the server's bytes,
 * unchanged, behind a buffer that, where smbj's parser reads NegotiateContextCount, reports the contexts smbj knows,
 * and, where it reads the type of a context it does not know, moves on to the next one. Raw reads (smbj hashes the
 * message for pre-authentication integrity with one) see the bytes as received. The signing-capabilities context's
 * choice is read here.
 */
final class NegotiateResponseView {
    private static final int HEADER = 64;
    private static final int COUNT_AT = HEADER + 6;
    /** Context types smbj 0.14 parses and accepts in a response: preauth integrity, encryption, compression. */
    private static final Set<Integer> SMBJ_KNOWS = Set.of(1, 2, 4);

    private final byte[] data;
    private final Map<Integer, Integer> skip;
    private final int signingAlgorithm;

    private NegotiateResponseView(byte[] data, Map<Integer, Integer> skip, int signingAlgorithm) {
        this.data = data;
        this.skip = skip;
        this.signingAlgorithm = signingAlgorithm;
    }

    /** The view of {@code data} when it is an SMB 3.1.1 NEGOTIATE response with contexts smbj cannot parse; else null. */
    static NegotiateResponseView of(byte[] data) {
        if (data.length < HEADER + 64 || (data[0] & 0xff) != 0xfe || data[1] != 'S' || data[2] != 'M' || data[3] != 'B') return null;
        boolean response = (data[16] & 1) != 0;
        if (u16(data, 12) != 0 || !response || u32(data, 8) != 0 || u16(data, HEADER) != 65 || u16(data, HEADER + 4) != 0x0311) return null;
        int count = u16(data, COUNT_AT);
        int at = (int) u32(data, HEADER + 60);
        Map<Integer, Integer> skip = new HashMap<>();
        int algorithm = -1;
        for (int i = 0; i < count; i++) {
            if (at + 8 > data.length) return null; // malformed: smbj reports it
            int type = u16(data, at);
            int length = u16(data, at + 2);
            int next = align8(at + 8 + length);
            if (type == SigningNegotiation.SIGNING_CAPABILITIES && length >= 4 && u16(data, at + 8) == 1) algorithm = u16(data, at + 10);
            if (!SMBJ_KNOWS.contains(type)) skip.put(at, next);
            at = next;
        }
        return skip.isEmpty() ? null : new NegotiateResponseView(data, skip, algorithm);
    }

    /** The algorithm the server chose in its signing-capabilities context, or -1 when it sent none. */
    int signingAlgorithm() {
        return signingAlgorithm;
    }

    /** The packet for smbj's handlers: header read as smbj reads it, body behind the hiding buffer. */
    SMB2PacketData packetData() throws Buffer.BufferException {
        return new Data(data, new HidingBuffer(data, skip));
    }

    private static final class Data extends SMB2PacketData {
        Data(byte[] data, SMBBuffer view) throws Buffer.BufferException {
            super(data);
            view.rpos(dataBuffer.rpos());
            dataBuffer = view;
        }
    }

    /** Hides the contexts in {@code skip} (start -> start of the next) from uint16 reads; raw reads see all bytes. */
    static final class HidingBuffer extends SMBBuffer {
        private final Map<Integer, Integer> skip;

        HidingBuffer(byte[] data, Map<Integer, Integer> skip) {
            super(data);
            this.skip = skip;
        }

        @Override
        public int readUInt16(Endian endianness) throws Buffer.BufferException {
            int at = rpos();
            if (at == COUNT_AT) return super.readUInt16(endianness) - skip.size();
            for (Integer next = skip.get(at); next != null; next = skip.get(next)) rpos(next);
            return super.readUInt16(endianness);
        }
    }
}
