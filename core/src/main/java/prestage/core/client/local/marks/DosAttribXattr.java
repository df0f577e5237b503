package prestage.core.client.local.marks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import prestage.core.client.local.platform.Xattrs;

/**
 * The DOS attributes Samba keeps for a file in the xattr {@code user.DOSATTRIB}: an NDR-encoded
 * {@code xattr_DOSATTRIB} (Samba's librpc/idl/xattr.idl), little-endian, each field aligned to its size (the 8-byte
 * NTTIME and udlong fields to 4):
 * <pre>
 *   string attrib_hex   NUL-terminated, e.g. "0x20"; smbd 4.11+ writes "" for versions 4 and 5
 *   uint16 version      1..5; a blob holding only attrib_hex is the oldest form (0xFFFF)
 *   uint16 level        the union's switch, equal to version
 *   version 1: uint32 attrib, ea_size; udlong size, alloc_size; NTTIME create_time, change_time
 *   version 2: uint32 flags, attrib, ea_size; udlong size, alloc_size; NTTIME create, change, write; string name
 *   version 3: uint32 valid_flags, attrib, ea_size; udlong size, alloc_size; NTTIME create_time, change_time
 *   version 4: uint32 valid_flags, attrib; NTTIME itime, create_time
 *   version 5: uint32 valid_flags, attrib; NTTIME create_time
 * </pre>
 * smbd 4.17 writes version 5 (measured: {@code setmode NAME +r} gives {@code 00 00 05 00 05 00 00 00 | 11000000 |
 * 01000000 | create_time}), and so does {@link #encode()}, keeping the attribute bits and the creation time it read.
 */
public record DosAttribXattr(int version, int validFlags, int attrib, long createTime) {
    public static final String XATTR = "user.DOSATTRIB";
    public static final int FILE_ATTRIBUTE_READONLY = 0x1;
    static final int VALID_ATTRIB = 0x1;
    static final int VALID_CREATE_TIME = 0x10;
    static final int COMPAT = 0xFFFF;

    /** What a file without the xattr gets when prestage first sets an attribute: only the attributes are valid. */
    public static DosAttribXattr of(int attrib) {
        return new DosAttribXattr(5, VALID_ATTRIB, attrib, 0);
    }

    public boolean isReadOnly() {
        return (attrib & FILE_ATTRIBUTE_READONLY) != 0;
    }

    public DosAttribXattr withReadOnly(boolean readOnly) {
        int a = readOnly ? attrib | FILE_ATTRIBUTE_READONLY : attrib & ~FILE_ATTRIBUTE_READONLY;
        return new DosAttribXattr(version, validFlags | VALID_ATTRIB, a, createTime);
    }

    /** Version 5, as smbd 4.17 writes it; the creation time goes along when the blob read said it was valid. */
    public byte[] encode() {
        int flags = VALID_ATTRIB | (createTime != 0 && (validFlags & VALID_CREATE_TIME) != 0 ? VALID_CREATE_TIME : 0);
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0);          // attrib_hex "" with its NUL
        b.put((byte) 0);          // align the uint16 to 2
        b.putShort((short) 5);    // version
        b.putShort((short) 5);    // the union's level
        b.putShort((short) 0);    // align the struct to 4
        b.putInt(flags);
        b.putInt(attrib);
        b.putLong((flags & VALID_CREATE_TIME) != 0 ? createTime : 0);
        return b.array();
    }

    /** @throws IOException when {@code blob} is not an xattr_DOSATTRIB of a version Samba writes (1-5) */
    public static DosAttribXattr decode(byte[] blob) throws IOException {
        var in = new Reader(blob);
        String hex = in.cString();
        if (in.remaining() == 0) return new DosAttribXattr(COMPAT, VALID_ATTRIB, fromHex(hex), 0);
        int version = in.align(2).u16();
        int level = in.u16();
        if (level != version) throw new IOException("user.DOSATTRIB: version " + version + " but union level " + level);
        in.align(4);
        return switch (version) {
            case 1 -> {
                int attrib = in.u32();
                in.u32();
                in.u64();
                in.u64();
                long create = in.u64();
                yield new DosAttribXattr(1, VALID_ATTRIB | (create != 0 ? VALID_CREATE_TIME : 0), attrib, create);
            }
            case 2 -> {
                in.u32();
                int attrib = in.u32();
                yield new DosAttribXattr(2, VALID_ATTRIB, attrib, 0);
            }
            case 3 -> {
                int flags = in.u32();
                int attrib = in.u32();
                in.u32();
                in.u64();
                in.u64();
                yield new DosAttribXattr(3, flags, attrib, in.u64());
            }
            case 4 -> {
                int flags = in.u32();
                int attrib = in.u32();
                in.u64();
                yield new DosAttribXattr(4, flags, attrib, in.u64());
            }
            case 5 -> {
                int flags = in.u32();
                int attrib = in.u32();
                yield new DosAttribXattr(5, flags, attrib, in.u64());
            }
            default -> throw new IOException("user.DOSATTRIB: version " + version + " is not one Samba writes (1 to 5)");
        };
    }

    private static int fromHex(String hex) throws IOException {
        String h = hex.strip();
        if (h.startsWith("0x") || h.startsWith("0X")) h = h.substring(2);
        try {
            return (int) Long.parseLong(h, 16);
        } catch (NumberFormatException e) {
            throw new IOException("user.DOSATTRIB: '" + hex + "' is not a hex attribute value");
        }
    }

    // ------------------------------------------------------------------ a file's attribute

    /** The attributes stored for {@code file}; empty when Samba has stored none (it then derives them from the mode). */
    public static Optional<DosAttribXattr> read(Path file) throws IOException {
        Optional<byte[]> raw = Xattrs.get(file, XATTR);
        if (raw.isEmpty()) return Optional.empty();
        try {
            return Optional.of(decode(raw.get()));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** Whether a Samba client sees {@code R} on {@code file}. */
    public static boolean isReadOnly(Path file) throws IOException {
        return read(file).map(DosAttribXattr::isReadOnly).orElse(false);
    }

    /** Sets or clears READONLY, keeping the other attributes and the creation time; writes only when it changes. */
    public static void setReadOnly(Path file, boolean readOnly) throws IOException {
        Optional<DosAttribXattr> current = read(file);
        if (current.map(DosAttribXattr::isReadOnly).orElse(false) == readOnly) return;
        DosAttribXattr next = current.orElse(of(0)).withReadOnly(readOnly);
        Xattrs.set(file, XATTR, next.encode());
    }

    /** Little-endian NDR reads with alignment counted from the start of the blob. */
    private static final class Reader {
        private final ByteBuffer b;

        Reader(byte[] blob) {
            b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        }

        int remaining() {
            return b.remaining();
        }

        Reader align(int n) throws IOException {
            int pad = (n - b.position() % n) % n;
            need(pad);
            b.position(b.position() + pad);
            return this;
        }

        String cString() throws IOException {
            var out = new ByteArrayOutputStream();
            while (true) {
                need(1);
                byte c = b.get();
                if (c == 0) return out.toString(StandardCharsets.UTF_8);
                out.write(c);
            }
        }

        int u16() throws IOException {
            need(2);
            return b.getShort() & 0xFFFF;
        }

        int u32() throws IOException {
            need(4);
            return b.getInt();
        }

        long u64() throws IOException {
            need(8);
            return b.getLong();
        }

        private void need(int n) throws IOException {
            if (b.remaining() < n) throw new IOException("user.DOSATTRIB is cut short at byte " + b.position());
        }
    }
}
