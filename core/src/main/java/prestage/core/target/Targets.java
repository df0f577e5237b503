package prestage.core.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import prestage.core.BadInputException;
import prestage.core.images.ReadOnlyMarkers;
import prestage.core.registry.RegistryBackends;
import prestage.core.security.SecurityBackends;

/** Opens the target named by {@code --target} (a folder, an ntfs-3g mount point, or {@code live}). */
public final class Targets {
    private Targets() {
    }

    public static boolean onWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * @param spec     {@code --target}: null for the default, {@code live}, or a path
     * @param registry {@code --registry}: a hive or {@code .reg} file, or null to let the target decide
     */
    public static Target open(String spec, String registry) {
        if (spec == null || spec.isBlank()) {
            return onWindows() ? live(registry) : build(TargetKind.NATIVE, null, registry);
        }
        if (spec.equalsIgnoreCase("live")) {
            if (!onWindows()) {
                throw new BadInputException("--target live works only on Windows; here give the folder or ntfs-3g mount point that stands for the client's C: drive");
            }
            return live(registry);
        }
        Path path = Path.of(spec).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new BadInputException("--target " + spec + ": no such folder; create it, or give the mount point of the client's volume");
        }
        try {
            path = path.toRealPath();
        } catch (IOException e) {
            throw new BadInputException("--target " + spec + ": " + e.getMessage());
        }
        MountTable.refuseUnfitFilesystem(path, spec);
        TargetKind kind = MountTable.isNtfs3gMount(path) ? TargetKind.NTFS_VOLUME : TargetKind.FOLDER;
        return build(kind, path, registry);
    }

    private static Target live(String registry) {
        return build(TargetKind.LIVE_WINDOWS, null, registry);
    }

    static Target build(TargetKind kind, Path drive, String registry) {
        return new Target(kind, drive,
                () -> SecurityBackends.forTarget(kind, drive),
                () -> ReadOnlyMarkers.forTarget(kind, drive),
                () -> RegistryBackends.forTarget(kind, drive, registry));
    }
}
