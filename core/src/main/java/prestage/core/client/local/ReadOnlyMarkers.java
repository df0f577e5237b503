package prestage.core.client.local;

import prestage.core.client.local.marks.DosAttributeMarker;
import prestage.core.client.local.marks.NtfsAttribMarker;
import prestage.core.client.local.marks.WriteBitsMarker;

import prestage.core.images.ReadOnlyMarker;


/** Picks the read-only marker for a kind of target. */
public final class ReadOnlyMarkers {
    private ReadOnlyMarkers() {
    }

    /**
     * Windows: the DOS read-only attribute. An ntfs-3g volume: the same attribute, reached through the
     * {@code system.ntfs_attrib} xattr. A plain folder: no write bits, the closest a POSIX file gets.
     */
    public static ReadOnlyMarker forClient(LocalKind kind) {
        return switch (kind) {
            case LIVE_WINDOWS -> new DosAttributeMarker();
            case NTFS_VOLUME -> new NtfsAttribMarker();
            case FOLDER, NATIVE -> new WriteBitsMarker();
        };
    }
}
