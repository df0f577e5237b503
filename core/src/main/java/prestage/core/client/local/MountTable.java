package prestage.core.client.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads /proc/self/mountinfo to tell an ntfs-3g mount point from a plain folder. */
final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    static boolean isNtfs3gMount(Path mountPoint) {
        if (!Files.isReadable(MOUNTINFO)) return false;
        try {
            for (String line : Files.readAllLines(MOUNTINFO)) {
                if (isNtfs3gLineFor(line, mountPoint.toString())) return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** mountinfo: {@code id parent dev root MOUNTPOINT opts [optional...] - FSTYPE SOURCE superopts}. */
    static boolean isNtfs3gLineFor(String line, String mountPoint) {
        String[] fields = line.split(" ");
        if (fields.length < 7 || !unescape(fields[4]).equals(mountPoint)) return false;
        int dash = line.indexOf(" - ");
        if (dash < 0) return false;
        String[] tail = line.substring(dash + 3).split(" ");
        String fsType = tail[0];
        // ntfs-3g registers as fuseblk on a block device and as fuse (or fuse.ntfs-3g) on a plain image file
        return fsType.equals("fuseblk") || fsType.equals("fuse") || fsType.equals("fuse.ntfs-3g") || fsType.equals("ntfs-3g");
    }

    /** The kernel writes space, tab, newline and backslash in mount points as octal escapes. */
    static String unescape(String field) {
        var sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
