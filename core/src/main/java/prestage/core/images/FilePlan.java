package prestage.core.images;

import prestage.core.client.ClientPath;
import java.util.Optional;

/**
 * What push will do with one source file, decided before anything is written.
 *
 * @param target       the file in the store (an existing file keeps its spelling: Windows ignores case)
 * @param partBytes    for RESUME: bytes an interrupted push left, to be checked before they are kept
 * @param replacesReadOnly the file being replaced carries the read-only mark
 * @param entry        for IN_PLACE and RECORD: what the manifest should say about the file
 * @param failure      for FAILED: why the file cannot be pushed
 */
record FilePlan(SourceFile source, ClientPath target, Action action, long partBytes, boolean replacesReadOnly,
                Optional<ManifestEntry> entry, String failure) {

    enum Action {
        /** the store holds this file and the manifest says so: nothing to do */
        IN_PLACE,
        /** the store holds this file (same content) but the manifest does not say so: write the manifest only */
        RECORD,
        COPY,
        /** a different file is there under this name */
        REPLACE,
        /** an interrupted push left a part of this file */
        RESUME,
        FAILED;

        boolean writesImage() {
            return this == COPY || this == REPLACE || this == RESUME;
        }
    }

    String name() {
        return target.name();
    }

    /** What the copy will add to the volume at most: a replaced file stays until its successor is whole. */
    long bytesNeeded() {
        return switch (action) {
            case COPY, REPLACE -> source.size();
            case RESUME -> Math.max(0, source.size() - partBytes);
            default -> 0;
        };
    }

    static FilePlan of(SourceFile source, ClientPath target, Action action) {
        return new FilePlan(source, target, action, 0, false, Optional.empty(), null);
    }

    static FilePlan failed(SourceFile source, ClientPath target, String why) {
        return new FilePlan(source, target, Action.FAILED, 0, false, Optional.empty(), why);
    }
}
