package prestage.core.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes .reg text the way regedit exports it: UTF-16LE with a byte order mark, CRLF, the version 5 header,
 * strings quoted with {@code \} and {@code "} escaped, {@code dword:} for DWORDs, hex lists for the rest wrapped
 * with {@code \} once a line reaches 77 columns. One deliberate difference: a REG_SZ that a quoted string cannot
 * carry exactly (embedded NULs, line breaks, no terminating NUL) is written as {@code hex(1):}, where regedit
 * would cut it at the first NUL.
 */
public final class RegFileWriter {
    public static final String HEADER = "Windows Registry Editor Version 5.00";
    private static final String CRLF = "\r\n";
    private static final int WRAP_AT = 77;
    private static final int CONTINUATION_INDENT = 2;

    private RegFileWriter() {
    }

    /** The file's bytes: BOM FF FE, then the text in UTF-16LE. */
    public static byte[] bytes(RegFile file) {
        var out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFE);
        out.writeBytes(text(file).getBytes(StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    public static String text(RegFile file) {
        var sb = new StringBuilder(HEADER).append(CRLF).append(CRLF);
        for (RegFile.Section s : file.sections()) {
            if (s.deletesKey()) sb.append("[-").append(s.key()).append(']').append(CRLF).append(CRLF);
            if (s.createsKey()) {
                sb.append('[').append(s.key()).append(']').append(CRLF);
                for (RegFile.Entry e : s.entries()) sb.append(entryLine(e)).append(CRLF);
                sb.append(CRLF);
            }
        }
        return sb.toString();
    }

    /** An export: each key with its values, in the order given (parents before children). */
    public static byte[] export(List<KeyValues> keys) {
        RegFile file = new RegFile();
        for (KeyValues k : keys) {
            file.createKey(k.key());
            for (RegValue v : k.values()) file.setValue(k.key(), v);
        }
        return bytes(file);
    }

    public record KeyValues(RegistryKeyPath key, List<RegValue> values) { }

    static String entryLine(RegFile.Entry e) {
        String name = e.name().isEmpty() ? "@=" : "\"" + escape(e.name()) + "\"=";
        return e.value().map(v -> valueLine(name, v)).orElse(name + "-");
    }

    private static String valueLine(String namePart, RegValue v) {
        byte[] data = v.data();
        if (v.type() == ValueType.REG_SZ.code() && isPlainString(data)) {
            String s = RegValue.utf16(data);
            return namePart + "\"" + escape(s.substring(0, s.length() - 1)) + "\"";
        }
        if (v.type() == ValueType.REG_DWORD.code() && data.length == 4) {
            return namePart + String.format("dword:%08x", Integer.toUnsignedLong(
                    (data[0] & 0xFF) | (data[1] & 0xFF) << 8 | (data[2] & 0xFF) << 16 | (data[3] & 0xFF) << 24));
        }
        String typePart = v.type() == ValueType.REG_BINARY.code() ? "hex:" : "hex(" + Integer.toHexString(v.type()) + "):";
        return namePart + typePart + hexList(data, namePart.length() + typePart.length());
    }

    /** Exactly one terminating NUL, no other NUL or line break, and the UTF-16 survives decoding. */
    private static boolean isPlainString(byte[] data) {
        if (data.length < 2 || data.length % 2 != 0 || data[data.length - 1] != 0 || data[data.length - 2] != 0) return false;
        String s = RegValue.utf16(data);
        String body = s.substring(0, s.length() - 1);
        if (body.indexOf('\0') >= 0 || body.indexOf('\r') >= 0 || body.indexOf('\n') >= 0) return false;
        return Arrays.equals(s.getBytes(StandardCharsets.UTF_16LE), data);
    }

    private static String hexList(byte[] data, int column) {
        var sb = new StringBuilder();
        int col = column;
        for (int i = 0; i < data.length; i++) {
            sb.append(String.format("%02x", data[i] & 0xFF));
            if (i == data.length - 1) break;
            sb.append(',');
            col += 3;
            if (col >= WRAP_AT) {
                sb.append('\\').append(CRLF).append(" ".repeat(CONTINUATION_INDENT));
                col = CONTINUATION_INDENT;
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
