package prestage.core.images;

import java.nio.file.Path;

import prestage.core.target.TargetKind;

/** Picks the read-only marker for a kind of target. */
public final class ReadOnlyMarkers {
    private ReadOnlyMarkers() {
    }

    /**
     * Windows: the DOS read-only attribute. An ntfs-3g volume: the same attribute, reached through the
     * {@code system.ntfs_attrib} xattr. A plain folder: no write bits, the closest a POSIX file gets.
     */
    public static ReadOnlyMarker forTarget(TargetKind kind, Path drive) {
        return switch (kind) {
            case LIVE_WINDOWS -> new DosAttributeMarker();
            case NTFS_VOLUME -> new NtfsAttribMarker();
            case FOLDER, NATIVE -> new WriteBitsMarker();
        };
    }
}
