package prestage.core;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What an exception says to a user: the thing and the cause, never the exception's class. The JDK's wrappers put
 * the class of what they wrap into their message ({@code new UncheckedIOException(e)} reads
 * "java.nio.file.NoSuchFileException: C:\x"), and its file-system exceptions carry only a path; both are put in words.
 */
public final class ErrorText {
    private ErrorText() {
    }

    public static String of(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException n) return n.getFile() + ": no such file or folder";
        if (t instanceof AccessDeniedException a) return a.getFile() + ": " + (a.getReason() != null ? a.getReason() : "permission denied");
        if (t instanceof FileAlreadyExistsException f && f.getReason() == null) return f.getFile() + " already exists";
        if (t instanceof FileSystemException f && f.getReason() != null) return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        String m = t.getMessage();
        return m == null || m.isBlank() ? "no reason given" : m;
    }
}
