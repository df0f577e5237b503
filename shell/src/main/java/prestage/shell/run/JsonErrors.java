package prestage.shell.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Why a JSON file prestage was given could not be read, in the user's words: where the JSON breaks (line and column),
 * or that the file is missing or unreadable. Never Jackson's own text, which names its token classes and source.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            String m = j.getOriginalMessage() == null ? "" : j.getOriginalMessage();
            String what = m.startsWith("Unexpected end-of-input") ? "it ends in the middle of the JSON" : "it is not valid JSON";
            return what + " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return "it cannot be read";
    }
}
