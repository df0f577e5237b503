package prestage.core.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One named value exactly as the registry stores it: a type code and raw bytes. Keeping the bytes (not a
 * decoded Java value) is what makes comparisons, hive writes and .reg round trips exact.
 *
 * @param name the value's name; empty for the key's default value
 * @param type the type code ({@link ValueType#code()}); unknown codes are kept as they are
 */
public record RegValue(String name, int type, byte[] data) {

    public RegValue {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public static RegValue of(String name, ValueType type, byte[] data) {
        return new RegValue(name, type.code(), data);
    }

    public static RegValue sz(String name, String text) {
        return of(name, ValueType.REG_SZ, utf16z(text));
    }

    public static RegValue expandSz(String name, String text) {
        return of(name, ValueType.REG_EXPAND_SZ, utf16z(text));
    }

    public static RegValue dword(String name, int value) {
        return of(name, ValueType.REG_DWORD, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    public static RegValue qword(String name, long value) {
        return of(name, ValueType.REG_QWORD, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    /** Each string NUL-terminated, then one more NUL that ends the list. */
    public static RegValue multiSz(String name, List<String> strings) {
        var out = new java.io.ByteArrayOutputStream();
        for (String s : strings) out.writeBytes(utf16z(s));
        out.writeBytes(new byte[2]);
        return of(name, ValueType.REG_MULTI_SZ, out.toByteArray());
    }

    public static RegValue binary(String name, byte[] bytes) {
        return of(name, ValueType.REG_BINARY, bytes);
    }

    public RegValue withName(String newName) {
        return new RegValue(newName, type, data);
    }

    public String typeName() {
        return ValueType.nameOf(type);
    }

    /** Same type and bytes; names compare without case, as the registry does. */
    public boolean sameAs(RegValue other) {
        return other != null && type == other.type && Arrays.equals(data, other.data) && name.equalsIgnoreCase(other.name);
    }

    /** The data as {@code reg query} prints it: strings as they are, numbers as 0x hex, bytes as hex digits. */
    public String displayData() {
        int code = type;
        if (code == ValueType.REG_SZ.code() || code == ValueType.REG_EXPAND_SZ.code() || code == ValueType.REG_LINK.code()) {
            return stripTrailingNuls(utf16(data));
        }
        if (code == ValueType.REG_DWORD.code() && data.length == 4) {
            return "0x" + Integer.toHexString(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
        if (code == ValueType.REG_DWORD_BIG_ENDIAN.code() && data.length == 4) {
            return "0x" + Integer.toHexString(ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).getInt());
        }
        if (code == ValueType.REG_QWORD.code() && data.length == 8) {
            return "0x" + Long.toHexString(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
        if (code == ValueType.REG_MULTI_SZ.code()) {
            return String.join("\\0", strings());
        }
        return HexFormat.of().withUpperCase().formatHex(data);
    }

    /** For diffs and messages: {@code REG_SZ C:\MED-V Images}. */
    public String describe() {
        return typeName() + " " + displayData();
    }

    /** The strings of a REG_MULTI_SZ, without the terminating empty string. */
    public List<String> strings() {
        var out = new ArrayList<String>();
        String all = utf16(data);
        int start = 0;
        for (int i = 0; i < all.length(); i++) {
            if (all.charAt(i) == '\0') {
                if (i == start) break;
                out.add(all.substring(start, i));
                start = i + 1;
            }
        }
        if (start < all.length() && all.indexOf('\0', start) < 0) out.add(all.substring(start));
        return out;
    }

    static byte[] utf16z(String text) {
        return (text + "\0").getBytes(StandardCharsets.UTF_16LE);
    }

    static String utf16(byte[] bytes) {
        return new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16LE);
    }

    private static String stripTrailingNuls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') end--;
        return s.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegValue v && v.type == type && v.name.equals(name) && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode() * 31 + type * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return (name.isEmpty() ? "(Default)" : name) + " = " + describe();
    }
}
