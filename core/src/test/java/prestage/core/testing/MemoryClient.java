package prestage.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import prestage.core.BadInputException;
import prestage.core.client.Client;
import prestage.core.client.CommandRunner;
import prestage.core.client.local.LocalKind;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.client.PathSyntax;
import prestage.core.client.ReadableFile;
import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;
import prestage.core.client.WritableFile;
import prestage.core.registry.Bitness;
import prestage.core.registry.RegistryBackend;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.Sid;

/**
 * A client held in memory: a {@code C:} drive of folders and files, their descriptors and read-only marks, a registry
 * and a command runner. It behaves as a Samba-style folder client does (names matched without regard to case, the
 * verbs recompute inherited ACEs, no default owner), so verbs run against it as they would against a folder, only
 * without xattrs, disks or tools. Every call that reaches the client is recorded in {@link #calls()} as
 * {@code "method path"}, so a test can assert on what a verb did, not only on what it said.
 */
public final class MemoryClient implements Client {
    private final Map<String, Node> nodes = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final Set<String> locked = new HashSet<>();
    private final LocalKind kind;
    private RegistryBackend registry = new MemoryRegistry(Bitness.X64);
    private Function<List<String>, Integer> runner;
    private long usableSpace = Long.MAX_VALUE / 4;

    /** A client that behaves like a Windows drive kept in a folder ({@link LocalKind#FOLDER}). */
    public MemoryClient() {
        this(LocalKind.FOLDER);
    }

    /** @param kind what the client says it is; verbs use it for wording (and export files on any non-native kind) */
    public MemoryClient(LocalKind kind) {
        this.kind = kind;
        ClientPath root = ClientPath.root("C:");
        nodes.put(key(root), Node.folder(root));
    }

    // ---- set-up, not recorded

    /** Creates {@code path} and the folders above it. */
    public synchronized MemoryClient folder(String path) {
        ClientPath p = path(path);
        for (ClientPath q = p; !q.isRoot(); q = q.parent()) nodes.putIfAbsent(key(q), Node.folder(q));
        return this;
    }

    /** Creates a file with {@code content}, and the folders above it. */
    public synchronized MemoryClient file(String path, byte[] content) {
        ClientPath p = path(path);
        folder(p.parent().toString());
        Node n = Node.file(p);
        n.content = content.clone();
        n.size = content.length;
        nodes.put(key(p), n);
        return this;
    }

    public synchronized MemoryClient descriptor(String path, SecurityDescriptor sd) {
        existing(path(path)).descriptor = sd;
        return this;
    }

    public synchronized MemoryClient readOnlyMark(String path, boolean readOnly) {
        existing(path(path)).readOnly = readOnly;
        return this;
    }

    /** The registry verbs reach; null makes {@link #registry()} say this client has none. */
    public synchronized MemoryClient registry(RegistryBackend backend) {
        this.registry = backend;
        return this;
    }

    /** Lets the client run commands, answering each with the exit status {@code runner} gives; none by default. */
    public synchronized MemoryClient runs(Function<List<String>, Integer> runner) {
        this.runner = runner;
        return this;
    }

    public synchronized MemoryClient usableSpace(long bytes) {
        this.usableSpace = bytes;
        return this;
    }

    // ---- what happened

    /** Every call that reached the client, in order: {@code "makeFolder C:\MED-V Images"}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method, e.g. {@code calls("writeSecurity")}, as their paths. */
    public synchronized List<String> calls(String method) {
        String prefix = method + " ";
        return calls.stream().filter(c -> c.startsWith(prefix)).map(c -> c.substring(prefix.length())).toList();
    }

    /** The calls that change the client (folders, files, descriptors, marks, deletes, renames, commands). */
    public synchronized List<String> changes() {
        return calls.stream().filter(c -> CHANGING.contains(c.substring(0, c.indexOf(' ')))).toList();
    }

    private static final Set<String> CHANGING = Set.of("makeFolder", "openWrite", "openAppend", "writeAtomically", "replace",
            "delete", "setModified", "writeSecurity", "setReadOnly", "run");

    /** The commands the client was asked to run. */
    public synchronized List<List<String>> commandsRun() {
        return List.copyOf(commands);
    }

    public synchronized boolean exists(String path) {
        return nodes.containsKey(key(path(path)));
    }

    public synchronized byte[] content(String path) {
        Node n = existing(path(path));
        return Arrays.copyOf(n.content, (int) n.size);
    }

    public synchronized Optional<SecurityDescriptor> descriptor(String path) {
        return Optional.ofNullable(existing(path(path)).descriptor);
    }

    public synchronized boolean readOnlyMark(String path) {
        return existing(path(path)).readOnly;
    }

    // ---- Client

    @Override
    public String kind() {
        return kind.shown();
    }

    @Override
    public boolean hasOwnDrive() {
        return kind.hasOwnDrive();
    }

    @Override
    public boolean derivesMissingDescriptors() {
        return kind.derivesMissingDescriptors();
    }

    @Override
    public String describe() {
        return "the in-memory client";
    }

    @Override
    public ClientPath path(String spec) {
        return PathSyntax.drivePath(spec, "C", describe());
    }

    @Override
    public synchronized Optional<FileEntry> stat(ClientPath path) {
        record("stat", path);
        Node n = nodes.get(key(path));
        return n == null || !parentsAreFolders(path) ? Optional.empty() : Optional.of(n.entry());
    }

    @Override
    public synchronized List<FileEntry> list(ClientPath folder) throws IOException {
        record("list", folder);
        Node dir = folderNode(folder);
        var out = new ArrayList<FileEntry>();
        for (Node n : nodes.values()) {
            if (!n.path.isRoot() && key(n.path.parent()).equals(key(dir.path))) out.add(n.entry());
        }
        return out;
    }

    @Override
    public synchronized void makeFolder(ClientPath folder) throws IOException {
        record("makeFolder", folder);
        if (nodes.containsKey(key(folder))) throw new FileAlreadyExistsException(folder.toString());
        folderNode(folder.parent());
        nodes.put(key(folder), Node.folder(folder));
    }

    @Override
    public synchronized ReadableFile openRead(ClientPath file) throws IOException {
        record("openRead", file);
        Node n = fileNode(file);
        return new ReadableFile() {
            @Override
            public long size() {
                synchronized (MemoryClient.this) {
                    return n.size;
                }
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                synchronized (MemoryClient.this) {
                    if (position >= n.size) return -1;
                    int len = (int) Math.min(dst.remaining(), n.size - position);
                    dst.put(n.content, (int) position, len);
                    return len;
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized WritableFile openWrite(ClientPath file, long keep, boolean bulk) throws IOException {
        record("openWrite", file);
        Node n = createFile(file);
        n.size = Math.min(n.size, keep);
        return new WritableFile() {
            @Override
            public void write(ByteBuffer src, long position) {
                synchronized (MemoryClient.this) {
                    int len = src.remaining();
                    n.ensure(position + len);
                    src.get(n.content, (int) position, len);
                    n.size = Math.max(n.size, position + len);
                    n.modified = Instant.now();
                }
            }

            @Override
            public boolean writesThrough() {
                return false;
            }

            @Override
            public void flush() {
            }

            @Override
            public void sync() {
            }

            @Override
            public long size() {
                synchronized (MemoryClient.this) {
                    return n.size;
                }
            }

            @Override
            public void setModified(Instant time) {
                synchronized (MemoryClient.this) {
                    n.modified = time;
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized Appender openAppend(ClientPath file) throws IOException {
        record("openAppend", file);
        Node n = createFile(file);
        return new Appender() {
            @Override
            public void append(byte[] bytes) {
                synchronized (MemoryClient.this) {
                    n.ensure(n.size + bytes.length);
                    System.arraycopy(bytes, 0, n.content, (int) n.size, bytes.length);
                    n.size += bytes.length;
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized void writeAtomically(ClientPath file, byte[] content) throws IOException {
        record("writeAtomically", file);
        Node n = createFile(file);
        n.content = content.clone();
        n.size = content.length;
        n.modified = Instant.now();
    }

    @Override
    public synchronized void replace(ClientPath from, ClientPath to) throws IOException {
        record("replace", from + " -> " + to);
        Node n = fileNode(from);
        folderNode(to.parent());
        nodes.remove(key(from));
        Node moved = Node.file(nodes.containsKey(key(to)) ? nodes.get(key(to)).path : to);
        moved.content = n.content;
        moved.size = n.size;
        moved.modified = n.modified;
        moved.descriptor = n.descriptor;
        moved.readOnly = n.readOnly;
        nodes.put(key(to), moved);
    }

    @Override
    public synchronized void delete(ClientPath file) throws IOException {
        record("delete", file);
        Node n = nodes.get(key(file));
        if (n == null) return;
        if (n.type == FileEntry.Type.FOLDER && !list(file).isEmpty()) throw new IOException(file + ": folder not empty");
        nodes.remove(key(file));
    }

    @Override
    public synchronized void setModified(ClientPath file, Instant time) throws IOException {
        record("setModified", file);
        existingOrThrow(file).modified = time;
    }

    @Override
    public synchronized long usableSpace(ClientPath folder) throws IOException {
        record("usableSpace", folder);
        folderNode(folder);
        return usableSpace;
    }

    @Override
    public synchronized boolean canWrite(ClientPath folder) throws IOException {
        record("canWrite", folder);
        folderNode(folder);
        return true;
    }

    /** One holder at a time per folder, as the real lock: a second one waits or (with --no-wait) is refused. */
    @Override
    public StoreLock lock(ClientPath folder, StoreLock.Policy policy) throws IOException {
        String k;
        synchronized (this) {
            record("lock", folder);
            folderNode(folder);
            k = key(folder);
            boolean told = false;
            while (locked.contains(k)) {
                if (!policy.waits()) throw new StoreBusyException(folder + " is in use by another prestage run; try again when it is done");
                if (!told) policy.waiting().accept("waiting for another prestage run on " + folder);
                told = true;
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the lock of " + folder);
                }
            }
            locked.add(k);
        }
        return () -> {
            synchronized (MemoryClient.this) {
                locked.remove(k);
                MemoryClient.this.notifyAll();
            }
        };
    }

    @Override
    public String securityStore() {
        return "memory";
    }

    @Override
    public synchronized Optional<SecurityDescriptor> readSecurity(ClientPath path) throws IOException {
        record("readSecurity", path);
        return Optional.ofNullable(existingOrThrow(path).descriptor);
    }

    @Override
    public synchronized List<String> writeSecurity(ClientPath path, SecurityDescriptor descriptor) throws IOException {
        record("writeSecurity", path);
        existingOrThrow(path).descriptor = descriptor;
        return List.of();
    }

    @Override
    public synchronized boolean isReadOnly(ClientPath file) throws IOException {
        record("isReadOnly", file);
        return existingOrThrow(file).readOnly;
    }

    @Override
    public synchronized void setReadOnly(ClientPath file, boolean readOnly) throws IOException {
        record("setReadOnly", file + " " + readOnly);
        existingOrThrow(file).readOnly = readOnly;
    }

    @Override
    public synchronized RegistryBackend registry() {
        record("registry", "");
        if (registry == null) throw new BadInputException("there is no client registry here: give --registry HIVE or FILE.reg");
        return registry;
    }

    @Override
    public Optional<CommandRunner> commands() {
        synchronized (this) {
            if (runner == null) return Optional.empty();
        }
        return Optional.of(this::run);
    }

    private int run(List<String> command) {
        Function<List<String>, Integer> r;
        synchronized (this) {
            record("run", String.join(" ", command));
            r = runner;
            commands.add(List.copyOf(command));
        }
        return r.apply(command);
    }

    // ---- the tree

    private void record(String method, Object what) {
        calls.add(method + " " + what);
    }

    private Node existing(ClientPath p) {
        Node n = nodes.get(key(p));
        if (n == null) throw new IllegalArgumentException("no " + p + " in the in-memory client");
        return n;
    }

    private Node existingOrThrow(ClientPath p) throws NoSuchFileException {
        Node n = nodes.get(key(p));
        if (n == null) throw new NoSuchFileException(p.toString());
        return n;
    }

    private Node folderNode(ClientPath p) throws IOException {
        Node n = existingOrThrow(p);
        if (n.type != FileEntry.Type.FOLDER) throw new NotDirectoryException(p.toString());
        return n;
    }

    private Node fileNode(ClientPath p) throws IOException {
        Node n = existingOrThrow(p);
        if (n.type != FileEntry.Type.FILE) throw new IOException(p + " is not a file");
        return n;
    }

    private Node createFile(ClientPath p) throws IOException {
        Node n = nodes.get(key(p));
        if (n != null) {
            if (n.type != FileEntry.Type.FILE) throw new IOException(p + " is not a file");
            return n;
        }
        folderNode(p.parent());
        n = Node.file(p);
        nodes.put(key(p), n);
        return n;
    }

    private boolean parentsAreFolders(ClientPath p) {
        for (ClientPath q = p.parent(); ; q = q.parent()) {
            Node n = nodes.get(key(q));
            if (n == null || n.type != FileEntry.Type.FOLDER) return false;
            if (q.isRoot()) return true;
        }
    }

    private static String key(ClientPath p) {
        return p.toString().toLowerCase(Locale.ROOT);
    }

    private static final class Node {
        final ClientPath path;
        final FileEntry.Type type;
        byte[] content = new byte[0];
        long size;
        Instant modified = Instant.now();
        SecurityDescriptor descriptor;
        boolean readOnly;

        private Node(ClientPath path, FileEntry.Type type) {
            this.path = path;
            this.type = type;
        }

        static Node folder(ClientPath p) {
            return new Node(p, FileEntry.Type.FOLDER);
        }

        static Node file(ClientPath p) {
            return new Node(p, FileEntry.Type.FILE);
        }

        void ensure(long length) {
            if (length > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("the in-memory client holds files under 2 GB");
            if (length > content.length) content = Arrays.copyOf(content, (int) Math.max(length, content.length * 2L));
        }

        FileEntry entry() {
            return new FileEntry(path.name(), type, type == FileEntry.Type.FILE ? size : 0, modified, null);
        }
    }
}
