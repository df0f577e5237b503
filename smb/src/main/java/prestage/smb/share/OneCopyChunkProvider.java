package prestage.smb.share;

import prestage.smb.connect.PacketHeadBuffer;
import prestage.smb.connect.PayloadByReferenceTransport;

import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.smbj.io.ByteChunkProvider;

/**
 * The payload of one SMB2 WRITE, handed to smbj in one piece. smbj's own providers copy 64 KiB at a time through a
 * scratch array into a packet buffer that starts at 256 bytes and reallocates (and copies everything so far) as it
 * grows: measured here, that growth was the top of the profile of a signed 1 GiB push (ahead of the signing itself).
 * One {@code putRawBytes} of the whole payload makes it grow once and copies the data once (the signing wrapper MACs
 * the same call); under {@link PayloadByReferenceTransport} that one call is not copied at all but sent from
 * {@code data} (see {@link PacketHeadBuffer}).
 */
final class OneCopyChunkProvider extends ByteChunkProvider {
    private final byte[] data;
    private int position;
    private int remaining;
    private int lastWrite;

    OneCopyChunkProvider(byte[] data, int offset, int length, long fileOffset) {
        this.data = data;
        this.position = offset;
        this.remaining = length;
        this.offset = fileOffset;
    }

    @Override
    public boolean isAvailable() {
        return remaining > 0;
    }

    @Override
    public void prepareWrite(int maxBytesToPrepare) {
        // the data is in memory already
    }

    @Override
    public void writeChunks(Buffer<?> buffer, int nrChunks) {
        int n = (int) Math.min((long) nrChunks * getChunkSize(), remaining);
        buffer.putRawBytes(data, position, n);
        advance(n);
    }

    @Override
    public void writeChunk(Buffer<?> buffer) {
        writeChunks(buffer, 1);
    }

    @Override
    protected int getChunk(byte[] chunk) {
        int n = Math.min(chunk.length, remaining);
        System.arraycopy(data, position, chunk, 0, n);
        position += n;
        remaining -= n;
        lastWrite = n;
        return n;
    }

    private void advance(int n) {
        position += n;
        remaining -= n;
        offset += n;
        lastWrite = n;
    }

    @Override
    public int getLastWriteSize() {
        return lastWrite;
    }

    @Override
    public int bytesLeft() {
        return remaining;
    }
}
