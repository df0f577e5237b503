package prestage.core.client.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import prestage.core.BadInputException;
import prestage.core.client.Client;
import prestage.core.client.ClientSettings;
import prestage.core.client.PathSyntax;


/** The local kinds of client: a folder or ntfs-3g volume standing for C:, this machine's paths, live Windows. */
public final class LocalClients {
    private LocalClients() {
    }

    public static Client live(String registry, ClientSettings settings) {
        return new LocalClient(LocalKind.LIVE_WINDOWS, "this Windows machine",
                spec -> PathSyntax.drivePath(spec, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "this Windows machine"), new PlainTree(),
                () -> SecurityBackends.forClient(LocalKind.LIVE_WINDOWS, settings), () -> ReadOnlyMarkers.forClient(LocalKind.LIVE_WINDOWS),
                c -> RegistryBackends.forClient(LocalKind.LIVE_WINDOWS, null, c::realPath, registry));
    }

    public static Client nativePaths(String registry, ClientSettings settings) {
        return new LocalClient(LocalKind.NATIVE, "local paths", PathSyntax::nativePath, new PlainTree(),
                () -> SecurityBackends.forClient(LocalKind.NATIVE, settings), () -> ReadOnlyMarkers.forClient(LocalKind.NATIVE),
                c -> RegistryBackends.forClient(LocalKind.NATIVE, null, c::realPath, registry));
    }

    /** A folder standing for the client's C:, told apart from an ntfs-3g mount point by the mount table. */
    public static Client folderOrVolume(String spec, String registry, ClientSettings settings) {
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
        LocalKind kind = MountTable.isNtfs3gMount(path) ? LocalKind.NTFS_VOLUME : LocalKind.FOLDER;
        String description = kind == LocalKind.NTFS_VOLUME ? "the NTFS volume mounted at " + path : "the client folder " + path;
        Path drive = path;
        ContainedTree tree;
        try {
            tree = new ContainedTree(drive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalClient(kind, description, s -> PathSyntax.drivePath(s, "C", description), tree,
                () -> SecurityBackends.forClient(kind, settings), () -> ReadOnlyMarkers.forClient(kind),
                c -> RegistryBackends.forClient(kind, drive, c::realPath, registry));
    }
}
