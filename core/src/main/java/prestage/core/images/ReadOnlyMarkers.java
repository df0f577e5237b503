package prestage.core.images;

import java.nio.file.Path;

import prestage.core.target.TargetKind;

/** Picks the read-only marker for a kind of target. */
public final class ReadOnlyMarkers {
    private ReadOnlyMarkers() {
    }

    public static ReadOnlyMarker forTarget(TargetKind kind, Path drive) {
        throw new UnsupportedOperationException("read-only marks arrive with issue 4");
    }
}
