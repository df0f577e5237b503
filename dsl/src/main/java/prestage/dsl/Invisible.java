package prestage.dsl;

/**
 * Makes characters a person cannot see visible in messages: a byte order mark pasted into a recipe reads
 * {@code U+FEFF}, not an empty gap that looks like the name the user typed.
 */
public final class Invisible {
    private Invisible() {
    }

    public static String show(String text) {
        if (text == null) return null;
        var sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (invisible(c)) sb.append(String.format("U+%04X", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    /** Control and format characters (BOM, zero-width space, direction marks) and spaces other than the plain one. */
    static boolean invisible(int c) {
        if (c == ' ' || c == '\t') return false;
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
