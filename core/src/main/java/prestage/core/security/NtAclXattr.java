package prestage.core.security;

/**
 * Samba's {@code xattr_NTACL} (librpc/idl/xattr.idl), the value of {@code security.NTACL} / {@code user.NTACL} that
 * {@code vfs_acl_xattr} keeps: a version, the union level, a pointer, then per version
 * <ul>
 * <li>1: the descriptor;</li>
 * <li>2: descriptor pointer, 16-byte hash (never used), descriptor;</li>
 * <li>3: descriptor pointer, hash type, 64-byte hash, descriptor;</li>
 * <li>4: as 3, then the NUL-terminated name of what made the hash, an NTTIME and a 64-byte hash of the POSIX ACL.</li>
 * </ul>
 * NDR aligns the 8-byte time and the descriptor to 4 bytes, and the descriptor's offsets count from byte 0 of
 * the attribute. Samba checks the hash of versions 3 and 4 against the file system and ignores a blob that does
 * not match; version 1 carries none and is taken as it is, so that is what {@link #encode} writes.
 */
public final class NtAclXattr {
    public static final int VERSION_WRITTEN = 1;
    private static final int V1_HEADER = 8;

    private NtAclXattr() {
    }

    /**
     * What a blob holds.
     *
     * @param hashType    0 none, 1 SHA-256 (versions 3 and 4), else -1
     * @param description version 4's name of the hashing scheme ({@code posix_acl}), else null
     */
    public record Stored(int version, SecurityDescriptor descriptor, int hashType, String description) {
    }

    public static SecurityDescriptor decode(byte[] blob) {
        return read(blob).descriptor();
    }

    public static Stored read(byte[] blob) {
        ByteReader in = new ByteReader(blob);
        int version = in.u16(0, "xattr_NTACL version");
        int level = in.u16(2, "xattr_NTACL union level");
        if (version < 1 || version > 4) {
            throw new SecurityFormatException("NTACL attribute has version " + version + "; Samba writes versions 1 to 4");
        }
        if (level != version) {
            throw new SecurityFormatException("NTACL attribute: union level " + level + " differs from version " + version);
        }
        requirePointer(in, 4, "xattr_NTACL info pointer");
        return switch (version) {
            case 1 -> new Stored(1, SelfRelativeDescriptor.decode(blob, V1_HEADER, 0), -1, null);
            case 2 -> {
                requirePointer(in, 8, "v2 descriptor pointer");
                in.require(12, 16, "v2 hash");
                yield new Stored(2, SelfRelativeDescriptor.decode(blob, 28, 0), -1, null);
            }
            case 3 -> {
                requirePointer(in, 8, "v3 descriptor pointer");
                int hashType = in.u16(12, "v3 hash type");
                in.require(14, 64, "v3 hash");
                yield new Stored(3, SelfRelativeDescriptor.decode(blob, align4(14 + 64), 0), hashType, null);
            }
            default -> {
                requirePointer(in, 8, "v4 descriptor pointer");
                int hashType = in.u16(12, "v4 hash type");
                in.require(14, 64, "v4 hash");
                int pos = 14 + 64;
                int nul = pos;
                while (in.u8(nul, "v4 description (no NUL before the end)") != 0) nul++;
                String description = new String(in.slice(pos, nul - pos, "v4 description"), java.nio.charset.StandardCharsets.UTF_8);
                pos = align4(nul + 1);
                in.require(pos, 8 + 64, "v4 time and POSIX ACL hash");
                pos = align4(pos + 8 + 64);
                yield new Stored(4, SelfRelativeDescriptor.decode(blob, pos, 0), hashType, description);
            }
        };
    }

    private static void requirePointer(ByteReader in, int at, String what) {
        if (in.u32(at, what) == 0) {
            throw new SecurityFormatException("NTACL attribute: " + what + " is NULL, so it holds no security descriptor");
        }
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** Version 1: {@code 01 00 | 01 00 | 00 00 02 00 | descriptor}, offsets counted from byte 0. */
    public static byte[] encode(SecurityDescriptor sd) {
        byte[] body = SelfRelativeDescriptor.encode(sd, V1_HEADER);
        ByteWriter out = new ByteWriter();
        out.u16(VERSION_WRITTEN).u16(VERSION_WRITTEN).u32(0x0002_0000L).bytes(body);
        return out.toByteArray();
    }
}
