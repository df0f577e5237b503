package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Files that are either absent, old or whole: written under a temporary name in the same folder,
 * flushed, renamed over the final name, and the folder flushed so the rename itself survives a crash.
 */
final class DurableFiles {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DurableFiles() {
    }

    static void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".prestage-tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code from} over {@code to} in one step and makes the rename durable. */
    static void replace(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(to.getParent());
    }

    /**
     * fsync on the folder makes new and renamed entries durable on Linux. Windows cannot open a folder as a
     * file; NTFS journals the rename itself, so there is nothing to do there.
     */
    static void syncFolder(Path dir) throws IOException {
        if (WINDOWS) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            // some FUSE filesystems answer fsync on a folder with EINVAL/ENOSYS: they have nothing to flush
            String m = String.valueOf(e.getMessage());
            if (!(m.contains("Invalid argument") || m.contains("not implemented") || m.contains("not supported"))) throw e;
        }
    }
}
