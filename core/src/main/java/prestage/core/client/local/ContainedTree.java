package prestage.core.client.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

import prestage.core.BadInputException;
import prestage.core.client.ClientPath;

/**
 * A folder that stands for a client's {@code C:}, walked the way {@code openat2(RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS)}
 * walks: from a descriptor of the root, one name at a time, each folder opened below the one held before it and never
 * through a link. The path handed out goes through {@code /proc/self/fd/N}, the held descriptor of the last folder, so a
 * folder renamed or replaced by a link after the walk is not followed either. Names match without regard to case, as
 * on Windows: an existing name that differs only in case is the same one.
 */
final class ContainedTree implements Tree {
    private final Path root;

    /** The root is opened for each walk, not held: a client held open would keep its volume from being unmounted. */
    ContainedTree(Path root) throws IOException {
        this.root = root;
        Fds.close(Fds.openRoot(root));
    }

    @Override
    public Located locate(ClientPath path) throws IOException {
        int rootFd = Fds.openRoot(root);
        int fd = rootFd;
        var names = path.names();
        try {
            for (int i = 0; i < names.size() - 1; i++) {
                int next = openFolder(fd, names.get(i), path, i);
                if (fd != rootFd) Fds.close(fd);
                fd = next;
            }
        } catch (IOException | RuntimeException e) {
            if (fd != rootFd) Fds.close(fd);
            Fds.close(rootFd);
            throw e;
        }
        if (fd != rootFd) Fds.close(rootFd);
        int held = fd;
        Path folder = Fds.path(held);
        // "." is the folder itself: the descriptor's own path is a link to it, which NOFOLLOW would see instead
        if (names.isEmpty()) return new Located(folder.resolve("."), () -> Fds.close(held));
        String last = existingName(folder, names.get(names.size() - 1));
        Path located = folder.resolve(last);
        if (Files.isSymbolicLink(located)) {
            Fds.close(held);
            throw link(path, names.size() - 1);
        }
        return new Located(located, () -> Fds.close(held));
    }

    private int openFolder(int dirfd, String wanted, ClientPath path, int index) throws IOException {
        String name = existingName(Fds.path(dirfd), wanted);
        int fd = Fds.openFolder(dirfd, name);
        if (fd >= 0) return fd;
        Path there = Fds.path(dirfd).resolve(name);
        if (Files.isSymbolicLink(there)) throw link(path, index);
        if (-fd == Fds.ENOENT) throw new NoSuchFileException(prefix(path, index).toString());
        if (-fd == Fds.ENOTDIR) throw new NotDirectoryException(prefix(path, index).toString());
        throw new IOException("cannot open " + prefix(path, index) + " (errno " + -fd + ")");
    }

    /** {@code wanted} as it is spelled in the folder, or as given when no name matches. */
    private static String existingName(Path folder, String wanted) throws IOException {
        if (Files.exists(folder.resolve(wanted), LinkOption.NOFOLLOW_LINKS)) return wanted;
        String lower = wanted.toLowerCase(Locale.ROOT);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                String n = child.getFileName().toString();
                if (n.toLowerCase(Locale.ROOT).equals(lower)) return n;
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return wanted;
        }
        return wanted;
    }

    private BadInputException link(ClientPath path, int index) {
        ClientPath at = prefix(path, index);
        String to = "";
        try {
            // the link is read only to name it in the message; it is never followed
            Path local = root;
            for (String n : at.names()) local = local.resolve(n);
            to = " (to " + Files.readSymbolicLink(local) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            // the message is clear without the link's target
        }
        return new BadInputException(at + " is a link" + to + ": prestage follows no links on a client, so that nothing outside "
                + root + " is touched; remove the link (or give its target as --target)");
    }

    private static ClientPath prefix(ClientPath path, int index) {
        return new ClientPath(path.drive(), path.names().subList(0, index + 1));
    }

}
