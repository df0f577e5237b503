package prestage.core.client.local.marks;

import prestage.core.images.ReadOnlyMarker;

import prestage.core.client.ClientKind;

/** Picks the read-only marker for a kind of target. */
public final class ReadOnlyMarkers {
    private ReadOnlyMarkers() {
    }

    /**
     * Windows: the DOS read-only attribute. An ntfs-3g volume: the same attribute, reached through the
     * {@code system.ntfs_attrib} xattr. A plain folder: no write bits, the closest a POSIX file gets.
     */
    public static ReadOnlyMarker forClient(ClientKind kind) {
        return switch (kind) {
            case LIVE_WINDOWS -> new DosAttributeMarker();
            case NTFS_VOLUME -> new NtfsAttribMarker();
            case FOLDER, NATIVE -> new WriteBitsMarker();
            case SMB -> throw new IllegalArgumentException("an SMB client keeps attributes itself");
        };
    }
}
