package prestage.core.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;

/**
 * What a file looks like from the outside: size, modification time, and where the platform has them the
 * inode-change time and identity. A copy that starts and ends with the same fingerprint read a file nobody
 * wrote to in between (the same test tar and rsync use); any write moves the change time.
 */
record FileFingerprint(long size, Instant modified, Instant changed, Object key) {

    static FileFingerprint of(Path file) throws IOException {
        var attrs = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileFingerprint(attrs.size(), attrs.lastModifiedTime().toInstant(), changeTime(file), attrs.fileKey());
    }

    /** The part that survives a copy: size and modification time (push gives the copy the source's time). */
    boolean sameContentStamp(long size, Instant modified) {
        return this.size == size && sameTick(this.modified, modified);
    }

    /**
     * NTFS keeps times in 100 ns ticks: a copy's time read back after an ntfs-3g remount has lost the nanoseconds
     * the kernel still showed when push wrote it, and is the same time all the same.
     */
    static boolean sameTick(Instant a, Instant b) {
        return a.getEpochSecond() == b.getEpochSecond() && a.getNano() / 100 == b.getNano() / 100;
    }

    boolean unchangedSince(FileFingerprint earlier) {
        return size == earlier.size && modified.equals(earlier.modified)
                && Objects.equals(changed, earlier.changed) && Objects.equals(key, earlier.key);
    }

    private static Instant changeTime(Path file) {
        try {
            return ((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null; // Windows has no inode-change time; size and modification time still apply
        }
    }
}
