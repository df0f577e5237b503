package prestage.core.client.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import prestage.core.BadInputException;

/**
 * Reads /proc/self/mountinfo to tell an ntfs-3g mount point from a plain folder, and to refuse a client on a
 * filesystem that cannot carry Windows ACLs the way Windows reads them.
 */
final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** Kernel filesystems a Windows client's drive may be mounted with here, and why prestage cannot use them. */
    private static final Map<String, String> UNFIT = Map.of(
            "ntfs3", "the kernel's ntfs3 driver, which does not keep the NT ACLs prestage writes where Windows reads them; "
                    + "unmount it and mount the volume with ntfs-3g (ntfs-3g -o permissions DEVICE MOUNTPOINT)",
            "ntfs", "the kernel's old read-only ntfs driver; unmount it and mount the volume with ntfs-3g (ntfs-3g -o permissions DEVICE MOUNTPOINT)",
            "vfat", "vfat: FAT has no ACLs at all, so the store's ACL cannot be kept; prestage onto the client's NTFS volume",
            "msdos", "msdos: FAT has no ACLs at all, so the store's ACL cannot be kept; prestage onto the client's NTFS volume",
            "exfat", "exfat, which has no ACLs at all, so the store's ACL cannot be kept; prestage onto the client's NTFS volume");

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

    /** @throws BadInputException when {@code path} lies on a filesystem that cannot stand for a Windows drive */
    static void refuseUnfitFilesystem(Path path, String spec) {
        if (!Files.isReadable(MOUNTINFO)) return;
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            return;
        }
        refuseUnfitFilesystem(path, spec, lines);
    }

    static void refuseUnfitFilesystem(Path path, String spec, List<String> mountinfo) {
        fsTypeOf(path, mountinfo).map(UNFIT::get).ifPresent(why -> {
            throw new BadInputException("--target " + spec + ": the volume is mounted with " + why);
        });
    }

    /** The type of the filesystem holding {@code path}: that of the mount with the longest mount point above it (the last one wins, as the kernel stacks them). */
    static Optional<String> fsTypeOf(Path path, List<String> mountinfo) {
        Path p = path.toAbsolutePath().normalize();
        String best = null;
        int bestDepth = -1;
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            int dash = line.indexOf(" - ");
            if (fields.length < 7 || dash < 0) continue;
            Path mountPoint = Path.of(unescape(fields[4]));
            if (!p.startsWith(mountPoint)) continue;
            int depth = mountPoint.getNameCount();
            if (depth >= bestDepth) {
                bestDepth = depth;
                best = line.substring(dash + 3).split(" ")[0];
            }
        }
        return Optional.ofNullable(best);
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
