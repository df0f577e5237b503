package prestage.core.client.local;

import java.io.IOException;
import java.nio.file.Path;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Folder descriptors through libc: the JDK cannot open a folder relative to another one, which is what keeps a
 * walk inside a client's root (each step opens one name below a folder already held, with O_NOFOLLOW, so a link
 * swapped in anywhere on the way is met, not followed).
 */
final class Fds {
    static final int ENOENT = 2;
    static final int ENOTDIR = 20;
    static final int ELOOP = 40;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    private static final int AT_FDCWD = -100;

    private interface LibC extends Library {
        int openat(int dirfd, String path, int flags);

        int close(int fd);

        int open(String path, int flags, int mode);

        int flock(int fd, int operation);
    }

    private static final class Holder {
        static final LibC LIBC = prestage.core.client.local.platform.Libc.load(LibC.class);
    }

    private Fds() {
    }

    /** Opens a folder (no link at its last name) as an O_PATH descriptor; returns -errno on failure. */
    static int openFolder(int dirfd, String name) {
        int fd = Holder.LIBC.openat(dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    static int openRoot(Path root) throws IOException {
        int fd = Holder.LIBC.openat(AT_FDCWD, root.toString(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) throw new IOException("cannot open " + root + " (errno " + Native.getLastError() + ")");
        return fd;
    }

    private static final int O_RDWR = 02;
    private static final int O_CREAT = 0100;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int EWOULDBLOCK = 11;

    /** Opens (creating) a lock file, never through a link. */
    static int openLockFile(Path file) throws IOException {
        int fd = Holder.LIBC.open(file.toString(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0) return fd;
        int errno = Native.getLastError();
        if (errno == 13 || errno == 1 || errno == 30) throw new java.nio.file.AccessDeniedException(file.toString());
        if (errno == ELOOP) throw new IOException(file + " is a link");
        throw new IOException("cannot open " + file + " (errno " + errno + ")");
    }

    /** An exclusive flock without waiting: true when taken. */
    static boolean tryLock(int fd) throws IOException {
        if (Holder.LIBC.flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
        int errno = Native.getLastError();
        if (errno == EWOULDBLOCK) return false;
        throw new IOException("cannot lock (errno " + errno + ")");
    }

    static void close(int fd) {
        if (fd >= 0) Holder.LIBC.close(fd);
    }

    /** The path through which the kernel reaches an open descriptor's folder, wherever it has been moved. */
    static Path path(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }
}
