package prestage.core.registry;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import prestage.core.BadInputException;
import prestage.core.WindowsText;

/**
 * Reads a .reg file as regedit writes it and {@code reg import} reads it: UTF-16LE with BOM (UTF-8 is accepted too,
 * as hivexregedit writes it), the version 5 header, {@code [KEY]} and {@code [-KEY]}, {@code "Name"=} or {@code @=}
 * followed by a quoted string, {@code dword:}, {@code hex:}, {@code hex(N):} (continued over lines ending in
 * {@code \}) or {@code -}; lines starting with {@code ;} are comments. Any other line is an error naming the file
 * and line: a half-understood file is worse than none.
 */
public final class RegFileParser {
    private final String fileName;
    private final Consumer<String> warn;
    private final RegFile result = new RegFile();
    private RegistryKeyPath current;
    private boolean currentDeleted;

    private RegFileParser(String fileName, Consumer<String> warn) {
        this.fileName = fileName;
        this.warn = warn;
    }

    public static RegFile read(Path file, Consumer<String> warn) throws IOException {
        return parse(Files.readAllBytes(file), file.toString(), warn);
    }

    public static RegFile parse(byte[] content, String fileName, Consumer<String> warn) {
        var p = new RegFileParser(fileName, warn);
        p.parseLines(decode(content, fileName));
        return p.result;
    }

    private static List<String> decode(byte[] b, String fileName) {
        // no byte order mark, but ASCII text in UTF-16LE: still what some tools write
        var encoding = WindowsText.byteOrderMark(b).orElse(new WindowsText.Encoding(
                b.length >= 2 && b[0] != 0 && b[1] == 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8, 0));
        String text;
        try {
            text = WindowsText.decode(b, encoding);
        } catch (CharacterCodingException e) {
            throw new BadInputException(fileName + ": not valid " + encoding.charset().name() + " text; save the .reg file as "
                    + "UTF-16LE (what regedit writes) or UTF-8");
        }
        return List.of(text.split("\r\n|\n|\r", -1));
    }

    private void parseLines(List<String> lines) {
        String header = lines.isEmpty() ? "" : lines.get(0).strip();
        if (header.equalsIgnoreCase("REGEDIT4")) {
            throw error(1, "this is a REGEDIT4 (Windows 9x/NT4, ANSI) file", "export it again with a current regedit, "
                    + "which writes 'Windows Registry Editor Version 5.00'");
        }
        if (!header.equals(RegFileWriter.HEADER)) {
            // a file that is not a .reg file may be anything: its text is not repeated
            throw error(1, "it does not start with '" + RegFileWriter.HEADER + "', so it is not a .reg file",
                    "a .reg file must start with that line; move the file away or fix its first line");
        }
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                section(line, lineNo);
            } else if (line.startsWith("\"") || line.startsWith("@")) {
                var joined = new StringBuilder(line);
                while (isHexValue(joined) && endsWithContinuation(joined) && i + 1 < lines.size()) {
                    joined.setLength(joined.length() - 1);
                    joined.append(lines.get(++i).strip());
                }
                value(joined.toString().strip(), lineNo);
            } else {
                throw error(lineNo, "unexpected text '" + shorten(line) + "'",
                        "a line must be a [KEY], a value (\"Name\"=... or @=...), a ; comment or empty");
            }
        }
    }

    private void section(String line, int lineNo) {
        if (!line.endsWith("]")) throw error(lineNo, "the key line '" + shorten(line) + "' does not end with ]", "write it as [KEY]");
        String inner = line.substring(1, line.length() - 1);
        boolean delete = inner.startsWith("-");
        if (delete) inner = inner.substring(1);
        try {
            current = RegistryKeyPath.parse(inner, w -> warn.accept(fileName + " line " + lineNo + ": " + w));
        } catch (BadInputException e) {
            throw error(lineNo, e.getMessage(), "fix the key name");
        }
        currentDeleted = delete;
        if (delete) result.deleteKey(current); else result.createKey(current);
    }

    private void value(String line, int lineNo) {
        if (current == null) throw error(lineNo, "a value comes before any [KEY] line", "put it below the key it belongs to");
        if (currentDeleted) throw error(lineNo, "a value follows [-" + current + "], which deletes that key",
                "add a [" + current + "] line before the value");
        String name;
        int at;
        if (line.startsWith("@")) {
            name = "";
            at = 1;
        } else {
            int close = closingQuote(line, 1);
            if (close < 0) throw error(lineNo, "the value name has no closing quote", "write it as \"Name\"=...");
            name = unescape(line.substring(1, close), lineNo);
            at = close + 1;
        }
        String rest = line.substring(at).stripLeading();
        if (!rest.startsWith("=")) throw error(lineNo, "no = after the value name", "write \"Name\"=data");
        String data = rest.substring(1).strip();
        if (data.equals("-")) {
            result.deleteValue(current, name);
        } else {
            result.setValue(current, parseData(name, data, lineNo));
        }
    }

    private RegValue parseData(String name, String data, int lineNo) {
        if (data.startsWith("\"")) {
            int close = closingQuote(data, 1);
            if (close < 0) throw error(lineNo, "the string has no closing quote", "end it with \"");
            if (close != data.length() - 1) {
                throw error(lineNo, "text after the closing quote: '" + shorten(data.substring(close + 1)) + "'",
                        "escape quotes inside the string as \\\"");
            }
            return RegValue.sz(name, unescape(data.substring(1, close), lineNo));
        }
        String lower = data.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("dword:")) {
            String digits = data.substring(6).strip();
            if (!digits.matches("[0-9A-Fa-f]{1,8}")) {
                throw error(lineNo, "dword:" + digits + " is not 1 to 8 hex digits", "write dword:0000000a for 10");
            }
            return RegValue.dword(name, (int) Long.parseLong(digits, 16));
        }
        if (lower.startsWith("hex:")) return new RegValue(name, ValueType.REG_BINARY.code(), hexList(data.substring(4), lineNo));
        if (lower.startsWith("hex(")) {
            int close = data.indexOf("):");
            String code = close < 0 ? "" : data.substring(4, close);
            if (!code.matches("[0-9A-Fa-f]{1,8}")) {
                throw error(lineNo, "'" + shorten(data) + "' is not hex(N): with N the type in hex", "write e.g. hex(2):41,00,00,00");
            }
            return new RegValue(name, (int) Long.parseLong(code, 16), hexList(data.substring(close + 2), lineNo));
        }
        throw error(lineNo, "the data '" + shorten(data) + "' is not a quoted string, dword:, hex:, hex(N): or -",
                "write the value as regedit exports it");
    }

    private byte[] hexList(String list, int lineNo) {
        String t = list.strip();
        if (t.endsWith(",")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty()) return new byte[0];
        String[] parts = t.split(",");
        var out = new StringBuilder();
        for (String p : parts) {
            String b = p.strip();
            if (!b.matches("[0-9A-Fa-f]{2}")) {
                throw error(lineNo, "'" + shorten(b) + "' in a hex list is not a byte", "write bytes as two hex digits separated by commas");
            }
            out.append(b);
        }
        return HexFormat.of().parseHex(out);
    }

    /** The index of the quote closing a string opened just before {@code from}, skipping escaped characters. */
    private static int closingQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') return i;
        }
        return -1;
    }

    private String unescape(String s, int lineNo) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            if (next != '\\' && next != '"') {
                throw error(lineNo, "'\\" + next + "' is not an escape a .reg file knows", "write a backslash as \\\\ and a quote as \\\"");
            }
            sb.append(next);
            i++;
        }
        return sb.toString();
    }

    /** Only hex lists wrap over lines; a quoted string ending in a backslash must not swallow the next line. */
    private static boolean isHexValue(CharSequence text) {
        String line = text.toString();
        int after;
        if (line.startsWith("@")) {
            after = 1;
        } else {
            int close = closingQuote(line, 1);
            if (close < 0) return false;
            after = close + 1;
        }
        String rest = line.substring(after).stripLeading();
        return rest.startsWith("=") && rest.substring(1).stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("hex");
    }

    private static boolean endsWithContinuation(StringBuilder line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private BadInputException error(int line, String what, String fix) {
        return new BadInputException(fileName + " line " + line + ": " + what + "; " + fix);
    }

}
