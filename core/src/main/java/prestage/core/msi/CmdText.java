package prestage.core.msi;

import prestage.core.BadInputException;

/**
 * What the printed install command must not contain so that pasting it into cmd.exe runs exactly what was asked:
 * cmd expands {@code %NAME%} even inside quotes (while msiexec started directly would not, so the two faces would
 * install to different places), and a line break ends the command.
 */
public final class CmdText {
    private CmdText() {
    }

    /** @throws BadInputException naming {@code what} when {@code value} cannot be written safely */
    public static void requireSafe(String what, String value) {
        if (value.indexOf('%') >= 0) {
            throw new BadInputException(what + " contains '%': cmd would expand %...% when the command is pasted, and msiexec "
                    + "started directly would not; write the value itself (e.g. C:\\MED-V Images instead of %SystemDrive%\\MED-V Images)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new BadInputException(what.replaceAll("\\p{Cntrl}", "?") + " contains the control character "
                        + String.format("U+%04X", (int) c) + ", which would break the command line; remove it");
            }
        }
    }

    /** Whether {@code value} is written in quotes and ends in a backslash, which msiexec reads with the quote as {@code \"}. */
    public static boolean backslashBeforeClosingQuote(String value) {
        return value.endsWith("\\") && MsiCommand.quoteValue(value).startsWith("\"");
    }

    public static String withoutTrailingBackslashes(String value) {
        String v = value;
        while (v.endsWith("\\") && !v.matches("[A-Za-z]:\\\\")) v = v.substring(0, v.length() - 1);
        return v;
    }
}
