package prestage.core.images;

import java.nio.file.Path;

/**
 * A file to push: where it is, the name it gets in the store, and how it looked when push found it.
 *
 * @param named whether the user named this file itself (rather than a folder holding it)
 */
record SourceFile(Path path, String name, FileFingerprint fingerprint, boolean named) {
    long size() {
        return fingerprint.size();
    }
}
