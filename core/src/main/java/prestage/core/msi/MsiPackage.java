package prestage.core.msi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import prestage.core.BadInputException;

/**
 * What an MSI package says about itself: its Property table, read from the package (an OLE compound file holding the
 * database's tables as streams: the string pool {@code _StringPool}/{@code _StringData} and the table {@code Property},
 * two string columns stored column after column). {@link #productCode()} and {@link #productVersion()} are what
 * Windows Installer records in the Uninstall key of an installed product.
 */
public record MsiPackage(Map<String, String> properties) {
    public MsiPackage {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public String productCode() {
        return properties.getOrDefault("ProductCode", "");
    }

    public String productVersion() {
        return properties.getOrDefault("ProductVersion", "");
    }

    public String productName() {
        return properties.getOrDefault("ProductName", "");
    }

    /** @throws BadInputException naming the file when it is not an MSI package (or has no ProductCode) */
    public static MsiPackage read(Path file) {
        try {
            CompoundFile cfb = CompoundFile.open(file);
            Map<String, String> stored = new LinkedHashMap<>();
            for (String name : cfb.names()) stored.put(MsiStreamName.decode(name), name);
            byte[] pool = stream(cfb, stored, "!_StringPool", file);
            byte[] data = stream(cfb, stored, "!_StringData", file);
            byte[] table = stream(cfb, stored, "!Property", file);
            var props = properties(strings(pool, data), table, (readInt(pool, 0) & 0x8000_0000) != 0);
            var pkg = new MsiPackage(props);
            if (pkg.productCode().isEmpty()) throw new BadInputException(file + " has no ProductCode: it is not an installable MSI package");
            return pkg;
        } catch (IOException e) {
            throw new BadInputException(file + " is not a readable MSI package (" + e.getMessage() + "); give the client's .msi file");
        }
    }

    private static byte[] stream(CompoundFile cfb, Map<String, String> stored, String name, Path file) throws IOException {
        String raw = stored.get(name);
        if (raw == null) throw new IOException("no " + name.substring(1) + " table");
        return cfb.stream(raw).orElseThrow();
    }

    /**
     * The string pool: a codepage (whose high bit says string references take 3 bytes), then per string id from 1 a
     * (length, reference count) pair of 16-bit words; a string of 64 KiB or more has length 0 and its length in the
     * next pair. The strings themselves follow one another in {@code _StringData}.
     */
    static List<String> strings(byte[] pool, byte[] data) throws IOException {
        var words = ByteBuffer.wrap(pool).order(ByteOrder.LITTLE_ENDIAN);
        int codepage = readInt(pool, 0) & 0x7FFF_FFFF;
        Charset cs = charset(codepage);
        var out = new ArrayList<String>();
        out.add(""); // id 0: the null string
        int count = pool.length / 4;
        int offset = 0;
        for (int i = 1; i < count; ) {
            int len = words.getShort(i * 4) & 0xFFFF;
            int refs = words.getShort(i * 4 + 2) & 0xFFFF;
            if (len == 0 && refs == 0) {
                out.add("");
                i++;
                continue;
            }
            if (len == 0) {
                if (i + 1 >= count) throw new IOException("the string pool ends inside a long string's entry");
                len = ((words.getShort(i * 4 + 6) & 0xFFFF) << 16) | (words.getShort(i * 4 + 4) & 0xFFFF);
                i += 2;
            } else {
                i++;
            }
            if (offset + len > data.length) throw new IOException("the string pool points past its data");
            out.add(new String(data, offset, len, cs));
            offset += len;
        }
        return out;
    }

    private static Charset charset(int codepage) {
        if (codepage == 65001) return StandardCharsets.UTF_8;
        if (codepage == 0) return Charset.forName("windows-1252");
        try {
            return Charset.forName("windows-" + codepage);
        } catch (IllegalArgumentException e) {
            return Charset.forName("windows-1252");
        }
    }

    /** The Property table: all keys (string ids), then all values; 2-byte ids, or 3-byte with long string references. */
    static Map<String, String> properties(List<String> strings, byte[] table, boolean longRefs) throws IOException {
        int ref = longRefs ? 3 : 2;
        int rows = table.length / (2 * ref);
        var out = new LinkedHashMap<String, String>();
        for (int r = 0; r < rows; r++) {
            out.put(string(strings, id(table, r * ref, ref)), string(strings, id(table, (rows + r) * ref, ref)));
        }
        return out;
    }

    private static int id(byte[] t, int at, int ref) {
        int v = (t[at] & 0xFF) | (t[at + 1] & 0xFF) << 8;
        return ref == 3 ? v | (t[at + 2] & 0xFF) << 16 : v;
    }

    private static String string(List<String> strings, int id) throws IOException {
        if (id < 0 || id >= strings.size()) throw new IOException("the Property table names string " + id + ", which the pool lacks");
        return strings.get(id);
    }

    private static int readInt(byte[] b, int at) {
        return b.length < at + 4 ? 0 : ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
