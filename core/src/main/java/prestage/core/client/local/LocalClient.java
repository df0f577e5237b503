package prestage.core.client.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import prestage.core.BadInputException;
import prestage.core.client.Client;
import prestage.core.client.CommandRunner;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.client.ReadableFile;
import prestage.core.client.StoreLock;
import prestage.core.client.WritableFile;
import prestage.core.images.ReadOnlyMarker;
import prestage.core.registry.RegistryBackend;
import prestage.core.security.SecurityBackend;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.SecurityFormatException;
import prestage.core.security.Sid;

/**
 * A client reached through this machine's own filesystem: a folder or an ntfs-3g volume standing for {@code C:}
 * (contained: see {@link ContainedTree}), this machine's native paths, or live Windows. What differs between them is
 * how paths are read and walked and which backends keep descriptors, attributes and registry values.
 */
public final class LocalClient implements Client {
    /** Told by its file names: core reads no system property. */
    private static final boolean WINDOWS = java.io.File.separatorChar == '\\';

    private final LocalKind kind;
    private final String description;
    private final Function<String, ClientPath> parser;
    private final Tree tree;
    private final Lazy<SecurityBackend> security;
    private final Lazy<ReadOnlyMarker> readOnly;
    private final Lazy<RegistryBackend> registry;

    LocalClient(LocalKind kind, String description, Function<String, ClientPath> parser, Tree tree,
                Supplier<SecurityBackend> security, Supplier<ReadOnlyMarker> readOnly, Function<LocalClient, RegistryBackend> registry) {
        this.kind = kind;
        this.description = description;
        this.parser = parser;
        this.tree = tree;
        this.security = new Lazy<>(security);
        this.readOnly = new Lazy<>(readOnly);
        this.registry = new Lazy<>(() -> registry.apply(this));
    }

    @Override
    public String kind() {
        return kind.shown();
    }

    @Override
    public boolean hasOwnDrive() {
        return kind.hasOwnDrive();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public ClientPath path(String spec) {
        return parser.apply(spec);
    }

    /**
     * The path this machine has for a client file, checked to hold no link, for libraries that want a file name
     * (libhivex). What happens to it afterwards is the library's.
     */
    public Optional<Path> realPath(ClientPath path) throws IOException {
        try (var l = tree.locate(path)) {
            if (!Files.exists(l.path(), LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
            if (!l.path().startsWith("/proc/self/fd/")) return Optional.of(l.path());
            Path folder = Files.readSymbolicLink(l.path().getParent());
            return Optional.of(folder.resolve(l.path().getFileName()));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }

    // ---- files

    @Override
    public Optional<FileEntry> stat(ClientPath path) throws IOException {
        try (var l = tree.locate(path)) {
            return Optional.of(entry(path.isRoot() ? "" : l.path().getFileName().toString(),
                    Files.readAttributes(l.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<FileEntry> list(ClientPath folder) throws IOException {
        var out = new ArrayList<FileEntry>();
        try (var l = tree.locate(folder); DirectoryStream<Path> children = Files.newDirectoryStream(l.path())) {
            for (Path child : children) {
                try {
                    out.add(entry(child.getFileName().toString(),
                            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
                } catch (NoSuchFileException gone) {
                    // deleted while listed
                }
            }
        }
        return out;
    }

    private static FileEntry entry(String name, BasicFileAttributes a) {
        FileEntry.Type type = a.isSymbolicLink() ? FileEntry.Type.LINK : a.isDirectory() ? FileEntry.Type.FOLDER
                : a.isRegularFile() ? FileEntry.Type.FILE : FileEntry.Type.OTHER;
        return new FileEntry(name, type, a.size(), a.lastModifiedTime().toInstant(), a.fileKey());
    }

    @Override
    public void makeFolder(ClientPath folder) throws IOException {
        try (var l = tree.locate(folder)) {
            Files.createDirectory(l.path());
        }
    }

    @Override
    public ReadableFile openRead(ClientPath file) throws IOException {
        FileChannel ch;
        try (var l = tree.locate(file)) {
            ch = FileChannel.open(l.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        return ReadableFile.of(ch);
    }

    @Override
    public WritableFile openWrite(ClientPath file, long keep, boolean bulk) throws IOException {
        // the folder stays held while the file is open: a tail write or the time may need its path again
        var l = tree.locate(file);
        try {
            return LocalWritable.open(l.path(), keep, bulk, l::close);
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    @Override
    public Appender openAppend(ClientPath file) throws IOException {
        FileChannel ch;
        try (var l = tree.locate(file)) {
            ch = FileChannel.open(l.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS);
        }
        return new Appender() {
            @Override
            public void append(byte[] bytes) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public void writeAtomically(ClientPath file, byte[] content) throws IOException {
        writeAtomically(file, out -> out.write(content));
    }

    @Override
    public void writeAtomically(ClientPath file, Content content) throws IOException {
        try (var l = tree.locate(file)) {
            Path tmp = l.path().resolveSibling("." + l.path().getFileName() + ".prestage-tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                    var out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16);
                    content.writeTo(out);
                    out.flush(); // not closed: that would close the channel before its force
                    ch.force(true);
                }
                Files.move(tmp, l.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncFolder(l.path().getParent());
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public void replace(ClientPath from, ClientPath to) throws IOException {
        try (var f = tree.locate(from); var t = tree.locate(to)) {
            Files.move(f.path(), t.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(t.path().getParent());
        }
    }

    @Override
    public void replaceUnsynced(ClientPath from, ClientPath to) throws IOException {
        try (var f = tree.locate(from); var t = tree.locate(to)) {
            Files.move(f.path(), t.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void syncFolder(ClientPath folder) throws IOException {
        try (var l = tree.locate(folder)) {
            syncFolder(l.path());
        }
    }

    /**
     * fsync on the folder makes new and renamed entries durable on Linux. Windows cannot open a folder as a file;
     * NTFS journals the rename itself, so there is nothing to do there.
     */
    private static void syncFolder(Path dir) throws IOException {
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

    @Override
    public void delete(ClientPath file) throws IOException {
        try (var l = tree.locate(file)) {
            Files.deleteIfExists(l.path());
        } catch (NoSuchFileException | NotDirectoryException e) {
            // its folder is gone too
        }
    }

    @Override
    public void setModified(ClientPath file, Instant time) throws IOException {
        try (var l = tree.locate(file)) {
            Files.getFileAttributeView(l.path(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(time), null, null);
        }
    }

    @Override
    public long usableSpace(ClientPath folder) throws IOException {
        try (var l = tree.locate(folder)) {
            return Files.getFileStore(l.path()).getUsableSpace();
        }
    }

    @Override
    public boolean canWrite(ClientPath folder) throws IOException {
        try (var l = tree.locate(folder)) {
            return Files.isWritable(l.path());
        }
    }

    @Override
    public StoreLock lock(ClientPath folder, StoreLock.Policy policy) throws IOException {
        // the folder stays held while the lock is: letting go deletes the lock file through it
        var l = tree.locate(folder);
        try {
            StoreLock lock = LocalLock.take(l.path(), folder.toString(), policy);
            return () -> {
                try {
                    lock.close();
                } finally {
                    l.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    // ---- security

    @Override
    public String securityStore() {
        return security.get().describe();
    }

    @Override
    public Optional<SecurityDescriptor> readSecurity(ClientPath path) throws IOException {
        return at(path, p -> security.get().read(p));
    }

    @Override
    public List<String> writeSecurity(ClientPath path, SecurityDescriptor descriptor) throws IOException {
        return at(path, p -> security.get().write(p, descriptor));
    }

    private interface Action<T> {
        T apply(Path local) throws IOException;
    }

    /** Runs {@code action} on the local path of {@code path}; its messages name the client path, not the local one. */
    private <T> T at(ClientPath path, Action<T> action) throws IOException {
        try (var l = tree.locate(path)) {
            try {
                return action.apply(l.path());
            } catch (SecurityFormatException e) {
                throw new SecurityFormatException(e.getMessage().replace(l.path().toString(), path.toString()));
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(path.toString());
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                if (!m.contains(l.path().toString())) throw e;
                throw new IOException(m.replace(l.path().toString(), path.toString()), e);
            }
        }
    }

    @Override
    public boolean derivesMissingDescriptors() {
        return kind.derivesMissingDescriptors();
    }

    @Override
    public boolean propagatesInheritance() {
        return security.get().propagatesInheritance();
    }

    @Override
    public Sid defaultOwner() {
        return security.get().defaultOwner();
    }

    @Override
    public Sid defaultGroup() {
        return security.get().defaultGroup();
    }

    // ---- attributes

    @Override
    public boolean isReadOnly(ClientPath file) throws IOException {
        return at(file, p -> readOnly.get().isReadOnly(p));
    }

    @Override
    public boolean hasAnyReadOnlyMark(ClientPath file) throws IOException {
        return at(file, p -> readOnly.get().hasAnyMark(p));
    }

    @Override
    public void setReadOnly(ClientPath file, boolean value) throws IOException {
        at(file, p -> {
            readOnly.get().setReadOnly(p, value);
            return null;
        });
    }

    // ---- registry, processes

    @Override
    public RegistryBackend registry() {
        return registry.get();
    }

    @Override
    public Optional<CommandRunner> commands() {
        if (kind != LocalKind.LIVE_WINDOWS) return Optional.empty();
        return Optional.of(command -> new ProcessBuilder(command).inheritIO().start().waitFor());
    }

    @Override
    public void close() {
        tree.close();
    }

    /** Backends may need native libraries or files; open them only when a verb asks. */
    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = supplier.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
