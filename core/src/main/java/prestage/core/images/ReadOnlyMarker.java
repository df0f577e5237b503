package prestage.core.images;

import java.io.IOException;
import java.nio.file.Path;

/** Marks files read-only the way the target understands it (DOS attribute, ntfs-3g attribute, mode bits). */
public interface ReadOnlyMarker {
    boolean isReadOnly(Path file) throws IOException;

    void setReadOnly(Path file, boolean readOnly) throws IOException;
}
