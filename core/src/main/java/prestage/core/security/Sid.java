package prestage.core.security;

import java.util.Arrays;

/**
 * A security identifier (MS-DTYP 2.4.2): revision 1, a 48-bit identifier authority and up to 15 32-bit
 * sub-authorities. Immutable; equal when every part is equal.
 */
public final class Sid {
    public static final int MAX_SUB_AUTHORITIES = 15;
    private static final long MAX_AUTHORITY = (1L << 48) - 1;

    private final long authority;
    private final int[] subAuthorities;

    private Sid(long authority, int[] subAuthorities) {
        this.authority = authority;
        this.subAuthorities = subAuthorities;
    }

    /** {@code Sid.of(5, 32, 544)} is S-1-5-32-544. */
    public static Sid of(long authority, long... subAuthorities) {
        if (authority < 0 || authority > MAX_AUTHORITY) {
            throw new SecurityFormatException("SID authority " + authority + " does not fit in 48 bits");
        }
        if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException("a SID has at most 15 sub-authorities, not " + subAuthorities.length);
        }
        int[] subs = new int[subAuthorities.length];
        for (int i = 0; i < subs.length; i++) {
            if (subAuthorities[i] < 0 || subAuthorities[i] > 0xFFFF_FFFFL) {
                throw new SecurityFormatException("SID sub-authority " + subAuthorities[i] + " does not fit in 32 bits");
            }
            subs[i] = (int) subAuthorities[i];
        }
        return new Sid(authority, subs);
    }

    /** Parses {@code S-1-5-32-544}; the authority may also be hex ({@code S-1-0x123456789ABC-...}). */
    public static Sid parse(String text) {
        if (text == null) throw new SecurityFormatException("missing SID");
        String s = text.trim();
        String[] parts = s.split("-", -1);
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
            throw new SecurityFormatException("'" + text + "' is not a SID: write it as S-1-<authority>-<sub>... (e.g. S-1-5-32-544)");
        }
        long authority = parseNumber(parts[2], text, MAX_AUTHORITY);
        long[] subs = new long[parts.length - 3];
        for (int i = 3; i < parts.length; i++) {
            subs[i - 3] = parseNumber(parts[i], text, 0xFFFF_FFFFL);
        }
        if (subs.length > MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException("SID '" + text + "' has " + subs.length + " sub-authorities; at most 15 are allowed");
        }
        return of(authority, subs);
    }

    private static long parseNumber(String part, String whole, long max) {
        try {
            long v;
            if (part.startsWith("0x") || part.startsWith("0X")) {
                if (part.length() < 3 || part.length() > 14) throw new NumberFormatException();
                v = Long.parseLong(part.substring(2), 16);
            } else {
                if (part.isEmpty() || part.length() > 15 || !part.chars().allMatch(Character::isDigit)) throw new NumberFormatException();
                v = Long.parseLong(part);
            }
            if (v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new SecurityFormatException("SID '" + whole + "': '" + part + "' is not a number in range; write it as S-1-5-32-544");
        }
    }

    /** Reads a binary SID at {@code offset}, checking every length against the buffer. */
    static Sid read(ByteReader in, long offset, String what) {
        int revision = in.u8(offset, what + " revision");
        if (revision != 1) {
            throw new SecurityFormatException(what + " at byte " + offset + " has revision " + revision + "; SIDs have revision 1");
        }
        int count = in.u8(offset + 1, what + " sub-authority count");
        if (count > MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException(what + " at byte " + offset + " claims " + count + " sub-authorities; at most 15 are allowed");
        }
        in.require(offset, 8 + 4 * count, what);
        long authority = 0;
        for (int i = 0; i < 6; i++) authority = (authority << 8) | in.u8(offset + 2 + i, what);
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) subs[i] = (int) in.u32(offset + 8 + 4 * i, what);
        return new Sid(authority, subs);
    }

    /** Binary length: 8 + 4 per sub-authority. */
    public int byteLength() {
        return 8 + 4 * subAuthorities.length;
    }

    void write(ByteWriter out) {
        out.u8(1);
        out.u8(subAuthorities.length);
        for (int i = 5; i >= 0; i--) out.u8((int) (authority >>> (8 * i)) & 0xFF); // big-endian, unlike the rest
        for (int sub : subAuthorities) out.u32(sub & 0xFFFF_FFFFL);
    }

    public byte[] toBytes() {
        ByteWriter out = new ByteWriter();
        write(out);
        return out.toByteArray();
    }

    public static Sid fromBytes(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        Sid sid = read(in, 0, "SID");
        if (sid.byteLength() != bytes.length) {
            throw new SecurityFormatException("SID is " + sid.byteLength() + " bytes but " + bytes.length + " were given");
        }
        return sid;
    }

    public long authority() {
        return authority;
    }

    public int subAuthorityCount() {
        return subAuthorities.length;
    }

    public long subAuthority(int index) {
        return subAuthorities[index] & 0xFFFF_FFFFL;
    }

    /** The last sub-authority (the RID), or -1 when there is none. */
    public long rid() {
        return subAuthorities.length == 0 ? -1 : subAuthority(subAuthorities.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sid other && other.authority == authority && Arrays.equals(other.subAuthorities, subAuthorities);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(authority) * 31 + Arrays.hashCode(subAuthorities);
    }

    /** MS-DTYP 2.4.2.1: the authority in decimal below 2^32, in hex above. */
    @Override
    public String toString() {
        var sb = new StringBuilder("S-1-");
        sb.append(authority < (1L << 32) ? Long.toString(authority) : String.format("0x%012X", authority));
        for (int sub : subAuthorities) sb.append('-').append(sub & 0xFFFF_FFFFL);
        return sb.toString();
    }
}
