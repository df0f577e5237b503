package prestage.core.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes a minimal valid registry hive, since no blank hive ships with Debian: an 8 KiB file with the base block
 * and one 4 KiB bin holding the root key, its security cell and, for an x64-shaped SOFTWARE hive, the
 * {@code WOW6432Node} key (the mark of a 64-bit Windows). hivex opens and grows such a file.
 * Layout per the public regf format notes: base block {@code regf}, bins {@code hbin}, cells {@code nk sk lh}.
 */
public final class BlankHive {
    static final int BASE_BLOCK = 0x1000;
    static final int BIN_SIZE = 0x1000;
    static final int ROOT_CELL = 0x20; // offsets count from the first bin; cells start after its 32-byte header
    private static final short KEY_HIVE_ENTRY = 0x04;
    private static final short KEY_NO_DELETE = 0x08;
    private static final short KEY_COMP_NAME = 0x20;
    private static final int NONE = 0xFFFFFFFF;

    private BlankHive() {
    }

    /**
     * Writes a blank SOFTWARE hive at {@code file} (replacing it): with {@code x64} it has the
     * {@code WOW6432Node} key a 64-bit Windows has, without it it is shaped like a 32-bit Windows'.
     */
    public static void write(Path file, boolean x64) throws IOException {
        Files.write(file, bytes(x64), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    public static byte[] bytes(boolean x64) {
        long now = filetime(Instant.now());
        ByteBuffer hive = ByteBuffer.allocate(BASE_BLOCK + BIN_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        byte[] sd = securityDescriptor();

        int rootSize = nkSize("ROOT");
        int skOffset = ROOT_CELL + rootSize;
        int skSize = align8(4 + 0x14 + sd.length);
        int listOffset = skOffset + skSize;
        int listSize = align8(4 + 4 + 8);
        int wowOffset = listOffset + listSize;
        int wowSize = nkSize(Wow64Redirection.NODE);
        int used = x64 ? wowOffset + wowSize : listOffset;

        int bin = BASE_BLOCK;
        hive.put(bin, "hbin".getBytes(StandardCharsets.US_ASCII));
        hive.putInt(bin + 0x04, 0);
        hive.putInt(bin + 0x08, BIN_SIZE);
        hive.putLong(bin + 0x14, now);

        nk(hive, bin + ROOT_CELL, rootSize, (short) (KEY_HIVE_ENTRY | KEY_NO_DELETE | KEY_COMP_NAME), "ROOT", now,
                0, x64 ? 1 : 0, x64 ? listOffset : NONE, skOffset, x64 ? 2 * Wow64Redirection.NODE.length() : 0);

        int sk = bin + skOffset;
        hive.putInt(sk, -skSize);
        hive.put(sk + 4, (byte) 's').put(sk + 5, (byte) 'k');
        hive.putInt(sk + 8, skOffset);  // the list of security cells is circular: a lone cell points at itself
        hive.putInt(sk + 12, skOffset);
        hive.putInt(sk + 16, x64 ? 2 : 1);
        hive.putInt(sk + 20, sd.length);
        hive.put(sk + 24, sd);

        if (x64) {
            int list = bin + listOffset;
            hive.putInt(list, -listSize);
            hive.put(list + 4, (byte) 'l').put(list + 5, (byte) 'h');
            hive.putShort(list + 6, (short) 1);
            hive.putInt(list + 8, wowOffset);
            hive.putInt(list + 12, nameHash(Wow64Redirection.NODE));
            nk(hive, bin + wowOffset, wowSize, KEY_COMP_NAME, Wow64Redirection.NODE, now, ROOT_CELL, 0, NONE, skOffset, 0);
        }
        hive.putInt(bin + used, BIN_SIZE - used); // the rest of the bin is one free cell (positive size = free)

        hive.put(0, "regf".getBytes(StandardCharsets.US_ASCII));
        hive.putInt(0x04, 1);           // primary and secondary sequence numbers equal: cleanly written
        hive.putInt(0x08, 1);
        hive.putInt(0x14, 1);           // format 1.5 (Windows XP and later: lh subkey lists)
        hive.putInt(0x18, 5);
        hive.putInt(0x1C, 0);           // primary file
        hive.putInt(0x20, 1);           // direct memory load
        hive.putInt(0x24, ROOT_CELL);
        hive.putInt(0x28, BIN_SIZE);
        hive.putInt(0x2C, 1);           // clustering factor
        byte[] fileName = "SOFTWARE".getBytes(StandardCharsets.UTF_16LE);
        hive.put(0x30, fileName);
        sealHeader(hive, now);
        return hive.array();
    }

    /**
     * Stamps the time and checksum. Windows replaces a checksum of 0 or 0xFFFFFFFF while hivex does not; moving the
     * time by 100 ns avoids both so the two agree.
     */
    private static void sealHeader(ByteBuffer hive, long time) {
        for (long t = time; ; t++) {
            hive.putLong(0x0C, t);
            int sum = checksum(hive);
            if (sum != 0 && sum != -1) {
                hive.putInt(0x1FC, sum);
                return;
            }
        }
    }

    /** XOR of the first 127 dwords of the base block. */
    public static int checksum(ByteBuffer hive) {
        int sum = 0;
        for (int i = 0; i < 0x1FC; i += 4) sum ^= hive.getInt(i);
        return sum;
    }

    private static void nk(ByteBuffer hive, int at, int size, short flags, String name, long time, int parent,
                           int subkeys, int subkeyList, int security, int longestSubkeyName) {
        hive.putInt(at, -size);
        int nk = at + 4;
        hive.put(nk, (byte) 'n').put(nk + 1, (byte) 'k');
        hive.putShort(nk + 0x02, flags);
        hive.putLong(nk + 0x04, time);
        hive.putInt(nk + 0x10, parent);
        hive.putInt(nk + 0x14, subkeys);
        hive.putInt(nk + 0x18, 0);          // volatile subkeys live only in memory
        hive.putInt(nk + 0x1C, subkeyList);
        hive.putInt(nk + 0x20, NONE);
        hive.putInt(nk + 0x24, 0);          // values
        hive.putInt(nk + 0x28, NONE);
        hive.putInt(nk + 0x2C, security);
        hive.putInt(nk + 0x30, NONE);       // class name
        hive.putInt(nk + 0x34, longestSubkeyName);
        byte[] ascii = name.getBytes(StandardCharsets.ISO_8859_1);
        hive.putShort(nk + 0x48, (short) ascii.length);
        hive.putShort(nk + 0x4A, (short) 0);
        hive.put(nk + 0x4C, ascii);
    }

    private static int nkSize(String name) {
        return align8(4 + 0x4C + name.length());
    }

    /** The lh list's hash: each upper-cased character, base 37. */
    static int nameHash(String name) {
        int h = 0;
        for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) h = h * 37 + c;
        return h;
    }

    /**
     * O:BA G:SY D:(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KR;;;BU): what Windows gives HKLM\SOFTWARE, near enough for
     * keys that inherit it. Self-relative, owner and group before the DACL.
     */
    static byte[] securityDescriptor() {
        byte[] ba = sid(5, 32, 544);
        byte[] sy = sid(5, 18);
        byte[] bu = sid(5, 32, 545);
        int keyAll = 0x000F003F;
        int keyRead = 0x00020019;
        byte[][] aces = {ace(keyAll, sy), ace(keyAll, ba), ace(keyRead, bu)};
        int aclSize = 8;
        for (byte[] a : aces) aclSize += a.length;
        int owner = 20;
        int group = owner + ba.length;
        int dacl = group + sy.length;
        ByteBuffer sd = ByteBuffer.allocate(dacl + aclSize).order(ByteOrder.LITTLE_ENDIAN);
        sd.put((byte) 1).put((byte) 0).putShort((short) 0x8004); // revision; SELF_RELATIVE | DACL_PRESENT
        sd.putInt(owner).putInt(group).putInt(0).putInt(dacl);
        sd.put(ba).put(sy);
        sd.put((byte) 2).put((byte) 0).putShort((short) aclSize).putShort((short) aces.length).putShort((short) 0);
        for (byte[] a : aces) sd.put(a);
        return sd.array();
    }

    private static byte[] ace(int mask, byte[] sid) {
        ByteBuffer a = ByteBuffer.allocate(8 + sid.length).order(ByteOrder.LITTLE_ENDIAN);
        a.put((byte) 0).put((byte) 0x02).putShort((short) (8 + sid.length)); // ACCESS_ALLOWED, CONTAINER_INHERIT
        a.putInt(mask).put(sid);
        return a.array();
    }

    private static byte[] sid(int authority, int... subAuthorities) {
        ByteBuffer s = ByteBuffer.allocate(8 + 4 * subAuthorities.length).order(ByteOrder.LITTLE_ENDIAN);
        s.put((byte) 1).put((byte) subAuthorities.length);
        s.put(new byte[] {0, 0, 0, 0, 0, (byte) authority}); // the identifier authority is big-endian
        for (int sub : subAuthorities) s.putInt(sub);
        return s.array();
    }

    static long filetime(Instant t) {
        // 100 ns ticks since 1601-01-01
        return (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }
}
