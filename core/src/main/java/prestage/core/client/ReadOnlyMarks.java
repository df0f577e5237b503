package prestage.core.client;

import java.io.IOException;

/** A client's role as the keeper of files' read-only marks (the DOS attribute, or the nearest thing a store has). */
public interface ReadOnlyMarks {
    boolean isReadOnly(ClientPath file) throws IOException;

    void setReadOnly(ClientPath file, boolean readOnly) throws IOException;

    /** Whether any of the client's read-only marks is set (a folder client has two), so replacing it needs --force. */
    default boolean hasAnyReadOnlyMark(ClientPath file) throws IOException {
        return isReadOnly(file);
    }
}
