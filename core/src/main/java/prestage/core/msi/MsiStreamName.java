package prestage.core.msi;

/**
 * MSI stores its table streams under compressed names: a character in U+3800..U+47FF packs two characters of the
 * 64-letter alphabet {@code 0-9A-Za-z._}, one in U+4800..U+483F packs one, and U+4840 marks a table (written "!" here,
 * as msitools and Wine do). So the Property table is the stream "!Property".
 */
final class MsiStreamName {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._";

    private MsiStreamName() {
    }

    static String decode(String stored) {
        var sb = new StringBuilder();
        for (char c : stored.toCharArray()) {
            if (c == 0x4840) {
                sb.append('!');
            } else if (c >= 0x3800 && c < 0x4800) {
                int v = c - 0x3800;
                sb.append(ALPHABET.charAt(v & 0x3F)).append(ALPHABET.charAt((v >> 6) & 0x3F));
            } else if (c >= 0x4800 && c < 0x4840) {
                sb.append(ALPHABET.charAt(c - 0x4800));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
