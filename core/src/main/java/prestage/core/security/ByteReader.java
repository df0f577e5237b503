package prestage.core.security;

/**
 * Little-endian reads from a blob that may be truncated or hostile: every read checks its bounds and fails
 * with a {@link SecurityFormatException} naming the field and offset, never with an index exception.
 */
final class ByteReader {
    private final byte[] bytes;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int length() {
        return bytes.length;
    }

    void require(long offset, long count, String what) {
        if (offset < 0 || count < 0 || offset + count > bytes.length) {
            throw new SecurityFormatException(what + " needs " + count + " byte(s) at offset " + offset
                    + " but the blob has only " + bytes.length + " byte(s): it is truncated or an offset is wrong");
        }
    }

    int u8(long offset, String what) {
        require(offset, 1, what);
        return bytes[(int) offset] & 0xFF;
    }

    int u16(long offset, String what) {
        require(offset, 2, what);
        int o = (int) offset;
        return (bytes[o] & 0xFF) | (bytes[o + 1] & 0xFF) << 8;
    }

    long u32(long offset, String what) {
        require(offset, 4, what);
        int o = (int) offset;
        return ((bytes[o] & 0xFFL) | (bytes[o + 1] & 0xFFL) << 8 | (bytes[o + 2] & 0xFFL) << 16 | (bytes[o + 3] & 0xFFL) << 24);
    }

    byte[] slice(long offset, long count, String what) {
        require(offset, count, what);
        byte[] out = new byte[(int) count];
        System.arraycopy(bytes, (int) offset, out, 0, (int) count);
        return out;
    }
}
