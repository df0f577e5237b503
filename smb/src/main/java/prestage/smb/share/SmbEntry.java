package prestage.smb.share;

import java.time.Instant;

/** One file or folder on a share, as SMB reports it. {@code attributes} are the DOS/NT FILE_ATTRIBUTE_* bits. */
public record SmbEntry(String name, boolean isFolder, boolean isReparsePoint, long size, Instant modified, long attributes) {
    public static final long READONLY = 0x1;
    public static final long DIRECTORY = 0x10;
    public static final long NORMAL = 0x80;
    public static final long REPARSE_POINT = 0x400;

    public boolean isReadOnly() {
        return (attributes & READONLY) != 0;
    }
}
