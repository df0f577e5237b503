package prestage.smb;

import prestage.smb.connect.SmbFailures;
import prestage.smb.share.SmbEntry;
import prestage.smb.share.SmbReader;
import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbStoreLock;
import prestage.smb.share.SmbWriter;
import prestage.smb.winreg.WinregRegistry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import prestage.core.BadInputException;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.client.PathSyntax;
import prestage.core.client.ReadableFile;
import prestage.core.client.StoreLock;
import prestage.core.client.RemoteInstaller;
import prestage.core.client.WritableFile;
import prestage.core.registry.RegistryBackend;
import prestage.core.client.local.RegistryBackends;
import prestage.core.security.SecurityDescriptor;
import prestage.smb.svcctl.RemoteRegistryStarter;
import prestage.core.client.ServiceChanges;
import prestage.smb.svcctl.ServiceManager;

/**
 * A Windows machine on the network, reached without an agent: its drive through the admin share ({@code \\host\C$})
 * over SMB 2/3, its registry over {@code \PIPE\winreg}. Client paths are the drive's ({@code C:\MED-V Images}); a share
 * that is not a drive's admin share ({@code \\host\images}) stands for C:.
 * <p>
 * Links: the last name of a path is never followed (opened with FILE_OPEN_REPARSE_POINT, listed and stat'ed as a
 * link). Reparse points higher up are resolved by the server, which confines them to the client machine.
 * <p>
 * Inheritance: the server gives a new file or folder the ACEs it inherits (measured on Samba: exactly core's
 * Inheritance), but, as on Windows, it does not recompute existing children when a folder's DACL is set over SMB;
 * that is the ACL verb's job, so {@link #propagatesInheritance()} is false. No default owner or group: a DACL is
 * written on its own (DACL_SECURITY_INFORMATION), and the owner stays what the server set.
 */
public final class SmbClient implements Client {
    private static final Pattern ADMIN_SHARE = Pattern.compile("^([A-Za-z])\\$$");

    private final SmbShare share;
    private final String drive;
    private final String registrySpec;
    private final ServiceChanges serviceChanges;
    private final Supplier<SmbShare> reconnect;
    private RegistryBackend registry;
    private ServiceManager services;
    private RemoteRegistryStarter starter;
    private SmbShare second;

    public SmbClient(SmbShare share, String registrySpec) {
        this(share, registrySpec, ServiceChanges.ALLOWED, null);
    }

    /**
     * @param serviceChanges whether services on the client may be started and created for the run
     * @param reconnect      a new logon to the same share, for putting a service back when this connection is cut (null: none)
     */
    public SmbClient(SmbShare share, String registrySpec, ServiceChanges serviceChanges, Supplier<SmbShare> reconnect) {
        this.share = share;
        var m = ADMIN_SHARE.matcher(share.address().share());
        this.drive = m.matches() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : "C";
        this.registrySpec = registrySpec;
        this.serviceChanges = serviceChanges;
        this.reconnect = reconnect;
    }

    private String host() {
        return share.address().host();
    }

    /** The share-relative path of a client path. */
    private static String rel(ClientPath p) {
        return String.join("\\", p.names());
    }

    @Override
    public boolean readsOutpaceHashing() {
        return false; // verify over SMB waits on the wire and the server, not on hashing (PushOptions.chunkHashesFor)
    }

    @Override
    public String kind() {
        return "smb";
    }

    @Override
    public String describe() {
        return "the client " + share.address().unc() + " (over SMB, " + share.dialect() + ")";
    }

    @Override
    public ClientPath path(String spec) {
        return PathSyntax.drivePath(spec, drive, describe());
    }

    // ---- files

    private static FileEntry entry(SmbEntry e) {
        FileEntry.Type t = e.isReparsePoint() ? FileEntry.Type.LINK : e.isFolder() ? FileEntry.Type.FOLDER : FileEntry.Type.FILE;
        return new FileEntry(e.name(), t, e.size(), e.modified(), null);
    }

    @Override
    public Optional<FileEntry> stat(ClientPath path) throws IOException {
        if (path.isRoot()) {
            return Optional.of(new FileEntry("", FileEntry.Type.FOLDER, 0, Instant.EPOCH, null));
        }
        return SmbFailures.io(host(), "stat", path, () -> share.stat(rel(path)).map(SmbClient::entry));
    }

    @Override
    public List<FileEntry> list(ClientPath folder) throws IOException {
        return SmbFailures.io(host(), "list", folder, () -> share.list(rel(folder)).stream().map(SmbClient::entry).toList());
    }

    @Override
    public void makeFolder(ClientPath folder) throws IOException {
        SmbFailures.act(host(), "create folder", folder, () -> share.makeFolder(rel(folder)));
    }

    @Override
    public ReadableFile openRead(ClientPath file) throws IOException {
        SmbReader reader = SmbFailures.io(host(), "open", file, () -> share.openRead(rel(file), SmbShare.READS_IN_FLIGHT));
        return new ReadableFile() {
            private long streamed;

            @Override
            public long size() {
                return reader.size();
            }

            /** Reads in order come from the read-ahead stream (several READs in flight); others are single reads. */
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                if (position == streamed) {
                    int n = reader.next(dst);
                    if (n > 0) streamed += n;
                    return n;
                }
                return reader.read(dst, position);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public WritableFile openWrite(ClientPath file, long keep, boolean bulk) throws IOException {
        SmbWriter w = SmbFailures.io(host(), "open", file, () -> share.openWrite(rel(file), false, SmbShare.DEFAULT_IN_FLIGHT));
        try {
            if (w.size() != keep) w.setLength(keep);
        } catch (IOException e) {
            w.close();
            throw e;
        }
        return new WritableFile() {
            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                w.write(src, position);
            }

            @Override
            public boolean writesThrough() {
                return false;
            }

            @Override
            public void flush() throws IOException {
                w.flush();
            }

            @Override
            public void sync() throws IOException {
                w.flush();
            }

            @Override
            public long size() throws IOException {
                return w.size();
            }

            @Override
            public void setModified(Instant time) throws IOException {
                w.setModified(time);
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    @Override
    public Appender openAppend(ClientPath file) throws IOException {
        SmbWriter w = SmbFailures.io(host(), "open", file, () -> share.openWrite(rel(file), false, 1));
        long start = w.size();
        return new Appender() {
            private long end = start;

            @Override
            public void append(byte[] bytes) throws IOException {
                w.write(bytes, 0, bytes.length, end);
                w.drain(); // acknowledged by the server: a reader after a kill sees it
                end += bytes.length;
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    @Override
    public void writeAtomically(ClientPath file, byte[] content) throws IOException {
        ClientPath part = file.parent().resolve(file.name() + ".prestage-new");
        try (SmbWriter w = SmbFailures.io(host(), "open", part, () -> share.openWrite(rel(part), true, 2))) {
            w.write(content, 0, content.length, 0);
            w.flush();
        }
        replace(part, file);
    }

    @Override
    public void replace(ClientPath from, ClientPath to) throws IOException {
        SmbFailures.act(host(), "rename " + from + " over", to, () -> share.replace(rel(from), rel(to)));
    }

    @Override
    public void delete(ClientPath file) throws IOException {
        SmbFailures.act(host(), "delete", file, () -> share.delete(rel(file)));
    }

    @Override
    public void setModified(ClientPath file, Instant time) throws IOException {
        SmbFailures.act(host(), "set the time of", file, () -> share.setModified(rel(file), time));
    }

    @Override
    public long usableSpace(ClientPath folder) throws IOException {
        return SmbFailures.io(host(), "free space of", folder, share::usableSpace);
    }

    @Override
    public boolean canWrite(ClientPath folder) throws IOException {
        return SmbFailures.io(host(), "check", folder, () -> share.canCreateIn(rel(folder)));
    }

    @Override
    public StoreLock lock(ClientPath folder, StoreLock.Policy policy) throws IOException {
        return SmbStoreLock.take(share, rel(folder.resolve(StoreLock.FILE_NAME)), folder.toString(), policy);
    }

    // ---- security

    @Override
    public String securityStore() {
        return "NT security descriptors on " + share.address().unc() + " (over SMB)";
    }

    @Override
    public Optional<SecurityDescriptor> readSecurity(ClientPath path) throws IOException {
        return Optional.of(SmbFailures.io(host(), "read the ACL of", path, () -> share.readSecurity(rel(path))));
    }

    @Override
    public List<String> writeSecurity(ClientPath path, SecurityDescriptor descriptor) throws IOException {
        SmbFailures.act(host(), "write the ACL of", path, () -> share.writeSecurity(rel(path), descriptor));
        return List.of();
    }

    // ---- attributes

    @Override
    public boolean isReadOnly(ClientPath file) throws IOException {
        return SmbFailures.io(host(), "stat", file, () -> share.stat(rel(file)))
                .orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString())).isReadOnly();
    }

    @Override
    public void setReadOnly(ClientPath file, boolean readOnly) throws IOException {
        SmbFailures.act(host(), "set the read-only mark of", file, () -> share.setReadOnly(rel(file), readOnly));
    }

    // ---- registry

    @Override
    public synchronized RegistryBackend registry() {
        if (registry == null) {
            registry = registrySpec != null && !registrySpec.isBlank()
                    ? RegistryBackends.fromSpec(registrySpec.strip(), null)
                    : new WinregRegistry(share, starter());
        }
        return registry;
    }

    /** Reads the registry only where its pipe is there now (or this run started it already); never starts the service. */
    @Override
    public synchronized RegistryBackend registryAsItIs() throws IOException {
        RegistryBackend r = registry();
        if (!(r instanceof WinregRegistry w)) return r;
        boolean readable;
        try {
            readable = w.readableAsItIs();
        } catch (IOException | RuntimeException e) {
            throw new IOException("its registry cannot be read (" + SmbFailures.cause(host(), e) + ")", e);
        }
        if (!readable) throw new IOException("its Remote Registry service is not running, and prestage starts it only for registry work");
        return r;
    }

    private synchronized RemoteRegistryStarter starter() {
        if (starter == null) {
            starter = new RemoteRegistryStarter(host(), this::serviceManager, serviceChanges, Duration.ofSeconds(30), note -> { },
                    new ClientNote(share, SmbInstaller.TEMP + "\\remote-registry.txt"));
        }
        return starter;
    }

    /** The service manager over this connection, or ({@code fresh}) over a new logon, for putting things back after a cut. */
    private synchronized ServiceManager serviceManager(boolean fresh) throws IOException {
        if (fresh) {
            if (reconnect == null) throw new IOException("the connection to " + host() + " is gone");
            if (services != null) services.close();
            if (second != null) quietly(second::close);
            second = reconnect.get();
            services = ServiceManager.open(second.session(), host());
        } else if (services == null) {
            services = ServiceManager.open(share.session(), host());
        }
        return services;
    }

    @Override
    public Optional<RemoteInstaller> remoteInstaller() {
        return Optional.of(new SmbInstaller(share, drive, serviceChanges, () -> serviceManager(false)));
    }

    /** Puts a started Remote Registry service back (a problem doing so goes to stderr: the run's result is printed already). */
    @Override
    public synchronized void close() {
        if (registry instanceof WinregRegistry w) w.closeAndRestore().ifPresent(System.err::println);
        if (registrySpec == null || registrySpec.isBlank()) starter().restoreLeftover().ifPresent(System.err::println);
        if (services != null) services.close();
        if (second != null) quietly(second::close);
        quietly(share::close);
    }

    /** Closing after a cut connection throws; there is nothing left to close then. */
    private static void quietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            // gone already
        }
    }
}
