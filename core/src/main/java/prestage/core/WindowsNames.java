package prestage.core;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names a Windows file system cannot hold, or holds as something else. Win32 opens {@code CON}, {@code NUL},
 * {@code COM1}... as devices whatever the extension ({@code CON.ckm}, {@code nul.index}) and case, drops a
 * trailing dot or space ({@code a.ckm.} becomes {@code a.ckm}), and refuses control characters and
 * {@code < > : " / \ | ? *} (Microsoft's "Naming Files, Paths, and Namespaces"). A component is at most 255
 * UTF-16 units.
 */
public final class WindowsNames {
    /** Device names; COM and LPT also take the superscript digits, as Windows 10 and later read them. */
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00b9", "COM\u00b2", "COM\u00b3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00b9", "LPT\u00b2", "LPT\u00b3");
    static final String FORBIDDEN = "<>:\"/\\|?*";
    static final int MAX_LENGTH = 255;

    private WindowsNames() {
    }

    /** Why Windows cannot hold {@code name} as a file or folder of that name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) return Optional.of("the name is empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) return Optional.of("it contains the control character " + String.format("U+%04X", (int) c));
            if (FORBIDDEN.indexOf(c) >= 0) return Optional.of("it contains '" + c + "', which Windows does not allow in names");
        }
        if (name.equals(".") || name.equals("..")) return Optional.of("it is not a file name");
        if (name.endsWith(".") || name.endsWith(" ")) {
            return Optional.of("Windows drops a trailing " + (name.endsWith(".") ? "dot" : "space") + ", so the file would get another name");
        }
        if (isDevice(name)) {
            return Optional.of("'" + stem(name) + "' is a reserved Windows device name; Windows opens the device, not a file, "
                    + "whatever the extension");
        }
        if (name.length() > MAX_LENGTH) return Optional.of("it is " + name.length() + " characters long; Windows allows " + MAX_LENGTH);
        return Optional.empty();
    }

    /** {@code CON}, {@code con.ckm}, {@code NUL.tar.gz}, {@code com1 .x}: the part before the first dot, spaces trimmed. */
    public static boolean isDevice(String name) {
        return DEVICES.contains(stem(name).toUpperCase(Locale.ROOT));
    }

    private static String stem(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
    }

    /** The name with control characters shown as {@code \x0a} and invisible ones as {@code U+FEFF}, for messages. */
    public static String printable(String name) {
        var sb = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", c));
            else if (Character.getType(c) == Character.FORMAT || c == 0xFEFF) sb.append(String.format("U+%04X", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
