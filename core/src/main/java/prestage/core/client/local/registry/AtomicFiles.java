package prestage.core.client.local.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file so that a crash leaves either the old or the new content, never half of each: write a temporary
 * file in the same folder, flush it to the disk, rename it over the old one, flush the folder.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A temporary file next to {@code target}, hidden by a leading dot. */
    static Path temporaryFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName() + ".", ".prestage-tmp");
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = temporaryFor(target);
        try {
            Files.write(tmp, content);
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves the finished {@code tmp} over {@code target}, keeping the target's owner and permissions. */
    static void replace(Path tmp, Path target) throws IOException {
        copyOwnership(target, tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
        }
        syncFolder(target.toAbsolutePath().getParent());
    }

    private static void copyOwnership(Path from, Path to) {
        if (!Files.exists(from)) return;
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (src == null || dst == null) return;
        try {
            PosixFileAttributes a = src.readAttributes();
            dst.setPermissions(a.permissions());
            dst.setGroup(a.group());
            dst.setOwner(a.owner());
        } catch (IOException | SecurityException e) {
            // only root may give files away; the content matters more than the owner
        }
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every platform lets a folder be opened (Windows); the rename itself is already atomic there
        }
    }
}
