package prestage.dsl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import prestage.core.BadInputException;

/**
 * A recipe file as read from disk: its bytes (and their SHA-256, what {@code prestage show} prints and
 * {@code sha256sum} agrees with) and its text for the compiler. Notepad's UTF-8 byte order mark is dropped and
 * CRLF line ends become LF, so a recipe saved on Windows compiles with the same lines and strings.
 */
public record RecipeSource(Path path, String fileName, byte[] bytes, String text) {
    private static final long MAX_SIZE = 4L << 20;

    public static RecipeSource read(Path path) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) throw new BadInputException("recipe " + path + " is a folder; give the path of a .groovy file");
            if (Files.size(path) > MAX_SIZE) throw new BadInputException("recipe " + path + " is over 4 MiB; a recipe is a script, not data");
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException("recipe " + path + " does not exist; give the path of a .groovy file or a name from 'prestage recipes'");
        } catch (IOException e) {
            throw new BadInputException("cannot read recipe " + path + ": " + e.getMessage());
        }
        return of(path, bytes);
    }

    public static RecipeSource of(Path path, byte[] bytes) {
        int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            throw new BadInputException("recipe " + path + " is UTF-16 text; save it as UTF-8 (Notepad: Save As, Encoding UTF-8)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException("recipe " + path + " is not UTF-8 text; save it as UTF-8");
        }
        return new RecipeSource(path, path.getFileName().toString(), bytes, text.replace("\r\n", "\n"));
    }

    /** The SHA-256 of the file's bytes as they are on disk, in the form {@code sha256sum} prints. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
