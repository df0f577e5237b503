package prestage.core.images;

import java.io.IOException;
import java.nio.file.Path;

/** Marks files read-only the way the target understands it (DOS attribute, ntfs-3g attribute, mode bits). */
public interface ReadOnlyMarker {
    /** Whether {@code file} carries every read-only mark of this kind of target. */
    boolean isReadOnly(Path file) throws IOException;

    /**
     * Whether {@code file} carries any read-only mark (push asks before it replaces a file): where a target has
     * more than one mark, one set by hand is enough to protect the file.
     */
    default boolean hasAnyMark(Path file) throws IOException {
        return isReadOnly(file);
    }

    void setReadOnly(Path file, boolean readOnly) throws IOException;
}
