package prestage.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Text files as Windows tools save them (regedit, icacls /save, Notepad): UTF-16 or UTF-8 after a byte order mark. */
public final class WindowsText {
    private WindowsText() {
    }

    /** How a file's text is encoded, and how many bytes at its start are a byte order mark rather than text. */
    public record Encoding(Charset charset, int markLength) {
    }

    /** The encoding the byte order mark at the start of {@code bytes} names; empty when there is none. */
    public static Optional<Encoding> byteOrderMark(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xFE)) return Optional.of(new Encoding(StandardCharsets.UTF_16LE, 2));
        if (startsWith(bytes, 0xFE, 0xFF)) return Optional.of(new Encoding(StandardCharsets.UTF_16BE, 2));
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) return Optional.of(new Encoding(StandardCharsets.UTF_8, 3));
        return Optional.empty();
    }

    /** The text after the mark; a byte sequence the charset cannot decode is an error, never a replacement character. */
    public static String decode(byte[] bytes, Encoding encoding) throws CharacterCodingException {
        return encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, encoding.markLength(), bytes.length - encoding.markLength()))
                .toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((bytes[i] & 0xFF) != prefix[i]) return false;
        return true;
    }
}
