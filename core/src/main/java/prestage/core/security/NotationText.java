package prestage.core.security;

import java.util.ArrayList;
import java.util.List;

/**
 * ACL text as people paste it from documentation: bullets before lines, curly quotes, non-breaking spaces.
 * Cleaning keeps line numbers, so error messages can name the line the user sees.
 */
final class NotationText {
    private static final String BULLETS = "\u2022\u25E6\u25AA\u2023\u00B7\u2219\u25CF\u25A0";
    private static final String QUOTES = "\"\u201C\u201D\u201E\u2018\u2019\u00AB\u00BB";

    private NotationText() {
    }

    /** The lines of {@code text}, each without bullet, quotes and surrounding blanks (empty lines stay, as ""). */
    static List<String> cleanLines(String text) {
        var out = new ArrayList<String>();
        for (String raw : text.split("\r\n|\r|\n", -1)) out.add(cleanLine(raw));
        return out;
    }

    static String cleanLine(String raw) {
        var sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\u00A0' || c == '\t') sb.append(' ');
            else if (c == '\uFEFF' || QUOTES.indexOf(c) >= 0) continue;
            else sb.append(c);
        }
        String line = sb.toString().strip();
        while (!line.isEmpty() && BULLETS.indexOf(line.charAt(0)) >= 0) line = line.substring(1).strip();
        // "- " and "* " are list bullets too; "*S-1-5-18" is an icacls SID and stays
        if (line.startsWith("- ") || line.startsWith("* ")) line = line.substring(2).strip();
        return line;
    }

    /**
     * icacls and cacls print the path before the first entry ({@code C:\MED-V Images NT AUTHORITY\SYSTEM:(OI)(CI)F});
     * returns the line from the account on, taking the longest blank-separated tail before the ':' that names a principal.
     */
    static String stripPathPrefix(String line) {
        if (line.length() < 3 || !Character.isLetter(line.charAt(0)) || line.charAt(1) != ':'
                || (line.charAt(2) != '\\' && line.charAt(2) != '/')) {
            return line;
        }
        int colon = line.indexOf(':', 2);
        if (colon < 0) return line;
        String head = line.substring(0, colon);
        for (int sp = head.indexOf(' '); sp >= 0; sp = head.indexOf(' ', sp + 1)) {
            if (Principals.isPrincipal(head.substring(sp + 1))) return line.substring(sp + 1);
        }
        throw new SecurityFormatException("cannot tell the path from the account in '" + head + "'; give the entries without the path");
    }
}
