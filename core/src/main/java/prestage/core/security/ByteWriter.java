package prestage.core.security;

import java.util.Arrays;

/** Little-endian writes for binary descriptors; sizes and offsets are patched in once known. */
public final class ByteWriter {
    private byte[] buf = new byte[128];
    private int size;

    int position() {
        return size;
    }

    private void grow(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    ByteWriter u8(int v) {
        grow(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        grow(2);
        patch16(size, v);
        size += 2;
        return this;
    }

    public ByteWriter u32(long v) {
        grow(4);
        patch32(size, v);
        size += 4;
        return this;
    }

    ByteWriter bytes(byte[] b) {
        grow(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    void patch16(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    void patch32(int at, long v) {
        for (int i = 0; i < 4; i++) buf[at + i] = (byte) (v >>> (8 * i));
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
