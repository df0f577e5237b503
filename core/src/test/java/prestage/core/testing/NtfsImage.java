package prestage.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small NTFS volume in an image file, mounted with ntfs-3g for a test, standing for an offline Windows disk.
 * <p>
 * {@link #create} truncates and formats the image ({@code mkntfs -F -Q}) under the given folder and mounts it
 * there with {@code -o permissions}, so that {@code system.ntfs_acl} carries real descriptors. {@link #withInheritance}
 * adds a user mapping file ({@code .NTFS-3G/UserMapping}) and remounts with {@code -o permissions,inherit}: only
 * then do new files inherit Windows-style (without a mapping ntfs-3g silently gives them Everyone:Full).
 * {@link #close()} unmounts by path ({@code fusermount -u}, else {@code umount}) even after a failure, and waits
 * until the mount is gone.
 */
public final class NtfsImage implements AutoCloseable {
    /** A mapping that makes every Linux user this (made-up) Windows user: inheritance then follows Windows rules. */
    public static final String DEFAULT_USER_MAPPING = "::S-1-5-21-3141592653-589793238-462643383-10000\n";

    private final Path image;
    private final Path mountPoint;
    private boolean mounted;
    private List<String> options = List.of();

    private NtfsImage(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /** Formats a {@code sizeMiB} image in {@code dir} and mounts it at {@code dir/mnt} with {@code -o permissions}. */
    public static NtfsImage create(Path dir, int sizeMiB) throws IOException {
        for (String tool : List.of("mkntfs", "ntfs-3g", "fusermount", "umount")) Smbd.requireToolFor(tool, "ntfs-3g and fuse (apt-get install ntfs-3g fuse)");
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw new IllegalStateException("/dev/fuse is missing: ntfs-3g needs FUSE (load the fuse module, or give the container --device /dev/fuse)");
        }
        Path image = dir.resolve("volume.img");
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        var volume = new NtfsImage(image, mnt);
        try {
            Smbd.run(List.of("truncate", "-s", sizeMiB + "M", image.toString()), null);
            Smbd.run(List.of("mkntfs", "-F", "-Q", "-q", image.toString()), null);
            volume.mount("permissions");
            return volume;
        } catch (IOException | RuntimeException e) {
            volume.close();
            throw e;
        }
    }

    /** Writes {@code .NTFS-3G/UserMapping} on the volume and remounts with {@code -o permissions,inherit}. */
    public NtfsImage withInheritance(String userMapping) throws IOException {
        Path dir = mountPoint.resolve(".NTFS-3G");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("UserMapping"), userMapping, StandardCharsets.US_ASCII);
        unmount();
        mount("permissions", "inherit");
        return this;
    }

    /** Mounts the image with these ntfs-3g options (unmounting first when mounted). */
    public void mount(String... mountOptions) throws IOException {
        if (mounted) unmount();
        options = List.of(mountOptions);
        var cmd = new ArrayList<String>(List.of("ntfs-3g"));
        if (!options.isEmpty()) cmd.addAll(List.of("-o", String.join(",", options)));
        cmd.addAll(List.of(image.toString(), mountPoint.toString()));
        Smbd.run(cmd, null);
        mounted = true;
    }

    public Path image() {
        return image;
    }

    /** The folder standing for the volume's root (the client's C:\ when used as a target). */
    public Path mountPoint() {
        return mountPoint;
    }

    public List<String> options() {
        return options;
    }

    /** {@code getfattr -n system.ntfs_acl -e hex PATH}: the attribute's bytes as getfattr sees them. */
    public byte[] ntfsAclByGetfattr(Path path) throws IOException {
        String out = Smbd.run(List.of("getfattr", "--absolute-names", "-n", "system.ntfs_acl", "-e", "hex", path.toString()), null);
        for (String line : out.split("\n")) {
            if (line.startsWith("system.ntfs_acl=0x")) return java.util.HexFormat.of().parseHex(line.substring("system.ntfs_acl=0x".length()).strip());
        }
        throw new IOException("getfattr printed no system.ntfs_acl for " + path + ":\n" + out);
    }

    /** {@code ntfssecaudit -vv FILE} on the mounted file: ntfs-3g's own interpretation of its descriptor. */
    public String ntfssecaudit(Path mountedFile) throws IOException {
        return ntfssecaudit(List.of("ntfssecaudit", "-vv", mountedFile.toString()));
    }

    /** {@code ntfssecaudit -vv IMAGE /PATH} on the unmounted image: what is on the disk, read without ntfs-3g's driver. */
    public String ntfssecauditOffline(String pathInVolume) throws IOException {
        if (mounted) throw new IllegalStateException("unmount before reading the image offline");
        return ntfssecaudit(List.of("ntfssecaudit", "-vv", image.toString(), pathInVolume));
    }

    /** ntfssecaudit exits non-zero for findings unrelated to the file (e.g. no user mapping); its report is what counts. */
    private static String ntfssecaudit(List<String> command) throws IOException {
        Smbd.Result r = Smbd.exec(command, null);
        String all = r.stdout() + r.stderr();
        if (!all.contains("Global header")) {
            throw new IOException(String.join(" ", command) + " printed no descriptor (status " + r.exitCode() + "):\n" + all);
        }
        return all;
    }

    /** Unmounts by path and waits until the kernel no longer lists the mount. */
    public void unmount() throws IOException {
        if (!mounted) return;
        IOException failure = null;
        for (List<String> cmd : List.of(List.of("fusermount", "-u", mountPoint.toString()), List.of("umount", mountPoint.toString()))) {
            try {
                Smbd.run(cmd, null);
                failure = null;
                break;
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) throw failure;
        for (int i = 0; i < 100 && isMounted(); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        mounted = false;
    }

    private boolean isMounted() throws IOException {
        String target = " " + mountPoint.toAbsolutePath() + " ";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (line.contains(target)) return true;
        }
        return false;
    }

    /** Unmounts (lazily as a last resort) and removes the image; never throws, so cleanup always runs. */
    @Override
    public void close() {
        try {
            unmount();
        } catch (IOException e) {
            try {
                Smbd.run(List.of("fusermount", "-uz", mountPoint.toString()), null);
            } catch (IOException ignored) {
                // nothing more can be done from here; the temp folder stays for inspection
            }
        }
        try {
            if (!isMounted()) Files.deleteIfExists(image);
        } catch (IOException ignored) {
            // left in the temp folder
        }
    }
}
