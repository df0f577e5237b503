package prestage.smb.share;

import prestage.smb.connect.JdkSecurityProvider;
import prestage.smb.connect.PayloadByReferenceTransport;
import prestage.smb.connect.SigningNegotiation;
import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbConnectException;
import prestage.smb.connect.SmbCredentials;
import prestage.smb.connect.SmbFailures;
import prestage.smb.connect.SmbTimeout;
import prestage.smb.connect.SmbLogonRefusedException;
import prestage.smb.connect.SmbLogon;
import prestage.smb.connect.KerberosFailures;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.FileTime;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileBasicInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.mssmb2.messages.SMB2QueryInfoRequest;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskEntry;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import com.hierynomus.smbj.share.Share;

import prestage.core.security.ControlFlag;
import prestage.core.security.SelfRelativeDescriptor;

/**
 * One logged-on session to one disk share of a remote client, over smbj. Paths are relative to the share, with
 * {@code \} or {@code /} between names ({@code ""} is the share's root). Failures to connect are
 * {@link SmbConnectException}s with one-line messages; failures later are {@link SMBApiException}s or IOExceptions.
 */
public final class SmbShare implements AutoCloseable {
    /** Writes (and reads) kept in flight by {@link SmbWriter} and {@link SmbReader}: enough to hide one round trip. */
    public static final int DEFAULT_IN_FLIGHT = 4;
    /** The largest read or write sent (Samba and Windows negotiate 8 MiB; smbj caps at the negotiated size too). */
    public static final int MAX_IO = 8 << 20;
    /**
     * Bytes per READ (at most the server's maximum). A file read from its start holds {@code inFlight + 1} arrays of
     * this size, reused for every READ (their answers are read straight into them: ReadIntoBufferReader); with AES-GMAC
     * signing JDK 17's GCM still copies each answer twice while its signature is checked. Before the answers were read
     * into our own arrays, each READ made five arrays of its size and 8 MiB READs peaked at 300-320 MiB
     * (bench/smb/RESULTS.md); 2 MiB keeps a stream at 10 MiB of arrays.
     */
    static final int READ_SIZE = Integer.getInteger("prestage.smb.readSize", 2 << 20);
    /** Bytes per READ asked for (before the server's and the connection's limits). */
    public static int readSize() {
        return READ_SIZE;
    }

    /** READs kept in flight by a file read from its start (verify's end-to-end read). */
    public static final int READS_IN_FLIGHT = Integer.getInteger("prestage.smb.readsInFlight", DEFAULT_IN_FLIGHT);

    private final SmbAddress address;
    private final SMBClient client;
    private final Connection connection;
    private final Session session;
    private final DiskShare share;
    /** smbj splits larger reads and writes itself; ours stay at or below both limits. */
    private final int ioLimit;
    /** Whether this connection signs with AES-GMAC (negotiated by SigningNegotiation), else AES-CMAC on SMB3. */
    private java.util.function.BooleanSupplier gmac = () -> false;

    private SmbShare(SmbAddress address, SMBClient client, Connection connection, Session session, DiskShare share, int ioLimit) {
        this.address = address;
        this.client = client;
        this.connection = connection;
        this.session = session;
        this.share = share;
        this.ioLimit = ioLimit;
    }

    /**
     * The smbj settings prestage uses: the server's maximum read/write size, JDK AES for signing, signing on, WRITE
     * payloads sent from the caller's array ({@link PayloadByReferenceTransport}).
     */
    public static SmbConfig defaultConfig() {
        return config(Integer.getInteger("prestage.smb.maxIo", 0));
    }


    /** {@link #defaultConfig()} with reads and writes of at most {@code maxIo} bytes (0: the server's maximum). */
    public static SmbConfig config(int maxIo) {
        var b = SmbConfig.builder();
        if (maxIo > 0) b.withBufferSize(maxIo);
        else b.withNegotiatedBufferSize();
        // -Dprestage.smb.copyPayload=true: smbj's own transport, which copies each WRITE's payload into a packet buffer
        // (kept to measure the difference against, bench/smb/run)
        if (!Boolean.getBoolean("prestage.smb.copyPayload")) b.withTransportLayerFactory(PayloadByReferenceTransport.FACTORY);
        return b
                .withSecurityProvider(new JdkSecurityProvider())
                .withSigningRequired(true)
                // -Dprestage.smb.encrypt=true offers SMB3 encryption from the first connection: a server that requires
                // it for every session (smb encrypt = required in [global]) refused the logon without it (ACCESS_DENIED,
                // seen before connect's retry for shares existed). Off by default because smbj 0.14 then seals every
                // message whenever the server merely supports encryption (ConnectionContext.clientPrefersEncryption);
                // its cost is in bench/smb/RESULTS.md
                .withEncryptData(Boolean.getBoolean("prestage.smb.encrypt"))
                .withTimeout(SmbTimeout.seconds(), TimeUnit.SECONDS)
                .withSoTimeout(SmbTimeout.seconds(), TimeUnit.SECONDS)
                .build();
    }

    /** Connects, logs on with a password (NTLM) and connects the share; see {@link #connect(SmbAddress, SmbLogon, SmbConfig)}. */
    public static SmbShare connect(SmbAddress address, SmbCredentials credentials, SmbConfig config) {
        return connect(address, new SmbLogon.Ntlm(credentials), config);
    }

    /**
     * Connects, logs on and connects the share; every refusal is a one-line SmbConnectException naming the host. A share
     * that requires encryption ({@code smb encrypt = required}, {@code Set-SmbShare -EncryptData}) refuses a session
     * that does not encrypt: that refusal is answered by connecting again with encryption on (SMB 3), so that shares
     * that do not ask for it keep the speed of signing alone.
     */
    public static SmbShare connect(SmbAddress address, SmbLogon logon, SmbConfig config) {
        try {
            return connectOnce(address, logon, config);
        } catch (EncryptionRequired e) {
            return connectOnce(address, logon, SmbConfig.builder(config).withEncryptData(true).build());
        }
    }

    /** The share refused a session without encryption, where encrypting might let us in. */
    private static final class EncryptionRequired extends RuntimeException {
        EncryptionRequired() {
            super(null, null, false, false);
        }
    }

    private static SmbShare connectOnce(SmbAddress address, SmbLogon logon, SmbConfig config) {
        SmbConfig own = SigningNegotiation.forOneConnection(config);
        SMBClient client = new SMBClient(own);
        Connection connection = null;
        Session session = null;
        String where = address.host() + (address.port() == SmbAddress.DEFAULT_PORT ? "" : ":" + address.port());
        try {
            try {
                connection = client.connect(address.host(), address.port());
            } catch (UnknownHostException e) {
                throw new SmbConnectException("cannot resolve host '" + address.host() + "': check the name (or use its IP address)", e);
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                throw new SmbConnectException("cannot reach " + where + " over SMB (" + e.getMessage()
                        + "): check that the machine is on and that file sharing (TCP " + address.port() + ") is allowed through its firewall", e);
            } catch (IOException e) {
                if (SmbFailures.interrupted(e)) throw new SmbConnectException("connecting to " + where + " was interrupted", e);
                if (timedOut(e)) {
                    throw new SmbConnectException(where + " took the connection but did not answer within " + SmbTimeout.seconds()
                            + " s (--timeout): check that the machine is not hung and serves SMB2 or later, or give a longer --timeout", e);
                }
                throw new SmbConnectException("cannot connect to " + where + " over SMB (" + rootMessage(e)
                        + "): check that the machine is on and serves SMB2 or later", e);
            }
            try {
                session = connection.authenticate(logon.context());
            } catch (SMBApiException e) {
                throw logonRefused(address, logon, e);
            } catch (RuntimeException e) {
                if (!(logon instanceof SmbLogon.Kerberos k)) throw e;
                throw kerberosRefused(address, k, e);
            }
            Share s;
            try {
                s = session.connectShare(address.share());
            } catch (SMBApiException e) {
                if (e.getStatus() == NtStatus.STATUS_ACCESS_DENIED && !config.isEncryptData()
                        && connection.getNegotiatedProtocol().getDialect().isSmb3x()) {
                    throw new EncryptionRequired();
                }
                throw shareRefused(address, logon, e);
            }
            if (!(s instanceof DiskShare disk)) {
                s.close();
                throw new SmbConnectException(address + " is not a disk share: name a drive's share such as \\\\" + address.host() + "\\C$", null);
            }
            int ioLimit = Math.min(MAX_IO, Math.min(config.getWriteBufferSize(), config.getReadBufferSize()));
            var opened = new SmbShare(address, client, connection, session, disk, ioLimit);
            opened.gmac = SigningNegotiation.gmacChosen(own);
            return opened;
        } catch (RuntimeException | IOException e) {
            closeQuietly(session, connection, client);
            if (e instanceof SmbConnectException || e instanceof EncryptionRequired) throw (RuntimeException) e;
            if (SmbFailures.interrupted(e)) throw new SmbConnectException("opening " + address + " was interrupted", e);
            throw new SmbConnectException("cannot open " + address + ": " + SmbFailures.cause(where, e), e);
        }
    }

    /** Not in smbj's table of statuses. */
    private static final long STATUS_ACCOUNT_LOCKED_OUT = 0xC0000234L;

    /** NTSTATUS of a logon refused because the server or its domain disables NTLM (not in smbj's list). */
    private static final long STATUS_NTLM_BLOCKED = 0xC0000418L;

    private static SmbConnectException logonRefused(SmbAddress a, SmbLogon logon, SMBApiException e) {
        NtStatus st = e.getStatus();
        String c = logon.who();
        String who = c + "@" + a.host();
        if (logon instanceof SmbLogon.Ntlm && (e.getStatusCode() & 0xFFFFFFFFL) == STATUS_NTLM_BLOCKED) {
            return new SmbConnectException(a.host() + " refuses NTLM logons (NTLM is disabled on it or in its domain): log on with Kerberos:"
                    + " kinit USER@REALM, or --keytab FILE --principal NAME (--auth kerberos; target the computer by its DNS name)", e);
        }
        if (logon instanceof SmbLogon.Kerberos k) {
            return new SmbConnectException(a.host() + " refused the Kerberos logon of " + c + " (" + st + ", " + k.source()
                    + "): check that the account is an administrator of " + a.host() + " and that the target is the computer's DNS name", e);
        }
        if (e.getStatusCode() == STATUS_ACCOUNT_LOCKED_OUT) {
            return new SmbLogonRefusedException(a.host(), a.host() + " refused the logon of " + c
                    + ": the account is locked out; wait for the lockout to end or have it unlocked, then retry", e);
        }
        return switch (st) {
            case STATUS_LOGON_FAILURE -> new SmbLogonRefusedException(a.host(),
                    a.host() + " refused the logon of " + c + ": wrong user name or password (check the --credentials file or "
                            + SmbCredentials.USER_VARIABLE + "/" + SmbCredentials.PASSWORD_VARIABLE + ")", e);
            case STATUS_ACCOUNT_DISABLED, STATUS_PASSWORD_EXPIRED -> new SmbLogonRefusedException(a.host(),
                    a.host() + " refused the logon of " + c + " (" + st + "): the account cannot log on; fix it or use another administrator", e);
            default -> new SmbConnectException("logon of " + who + " failed (" + st + "): check the credentials and that the account may log on over the network", e);
        };
    }

    /** A Kerberos logon that failed on our side: no service ticket for the host (an IP address, an unknown name), skew, ... */
    private static SmbConnectException kerberosRefused(SmbAddress a, SmbLogon.Kerberos k, RuntimeException e) {
        String why = KerberosFailures.explain(e, new KerberosFailures.Where(k.principal(), a.host(), k.source()));
        if (why != null) return new SmbConnectException(why, e);
        if (String.valueOf(e.getMessage()).contains("Could not find a configured authenticator")) {
            return new SmbConnectException(a.host() + " does not offer Kerberos (it is not in a domain, or not known by this name):"
                    + " use --auth ntlm with a password for a workgroup machine", e);
        }
        return new SmbConnectException("Kerberos logon of " + k.principal() + " to " + a.host() + " failed (" + rootMessage(e) + ", " + k.source()
                + "): check that " + a.host() + " is the computer's DNS name in the domain", e);
    }

    private static SmbConnectException shareRefused(SmbAddress a, SmbLogon logon, SMBApiException e) {
        NtStatus st = e.getStatus();
        String c = logon.who();
        return switch (st) {
            case STATUS_BAD_NETWORK_NAME -> new SmbConnectException(a.host() + " has no share '" + a.share()
                    + "': check the name (the admin share of drive C: is C$; it exists only while the Server service runs)", e);
            case STATUS_ACCESS_DENIED -> new SmbConnectException(c + " may not open " + a
                    + ": admin shares need an administrator of " + a.host() + " (UAC remote restrictions filter local accounts other than the "
                    + "built-in Administrator over the network, unless LocalAccountTokenFilterPolicy is 1: use a domain account in its "
                    + "Administrators group or the built-in Administrator)", e);
            default -> new SmbConnectException("cannot open share " + a + " as " + c + " (" + st + ")", e);
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? "no reason given" : SmbFailures.withoutClassNames(t.getMessage());
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof SocketTimeoutException) return true;
        }
        return false;
    }

    private static void closeQuietly(Session session, Connection connection, SMBClient client) {
        try {
            if (session != null) session.close();
        } catch (Exception e) {
            // closing after a failure; the first failure is what the user needs to see
        }
        try {
            if (connection != null) connection.close(true);
        } catch (Exception e) {
            // same
        }
        client.close();
    }

    public SmbAddress address() {
        return address;
    }

    /** The dialect smbj negotiated, e.g. SMB_3_1_1. */
    public String dialect() {
        return connection.getNegotiatedProtocol().getDialect().name();
    }

    /** How messages are signed on this connection: AES-128-GMAC, AES-128-CMAC (SMB 3.x) or HMAC-SHA256 (SMB 2.x). */
    public String signingAlgorithm() {
        if (!connection.getNegotiatedProtocol().getDialect().isSmb3x()) return "HMAC-SHA256";
        return gmac.getAsBoolean() ? "AES-128-GMAC" : "AES-128-CMAC";
    }

    /** The largest single write and read the server takes. */
    public int maxWriteSize() {
        return connection.getNegotiatedProtocol().getMaxWriteSize();
    }

    public int maxReadSize() {
        return connection.getNegotiatedProtocol().getMaxReadSize();
    }

    public boolean signingRequired() {
        return session.getSessionContext().isSigningRequired();
    }

    static String smbPath(String path) {
        String p = path.replace('/', '\\');
        while (p.startsWith("\\")) p = p.substring(1);
        while (p.endsWith("\\")) p = p.substring(0, p.length() - 1);
        return p;
    }

    private static boolean isMissing(SMBApiException e) {
        NtStatus s = e.getStatus();
        return s == NtStatus.STATUS_OBJECT_NAME_NOT_FOUND || s == NtStatus.STATUS_OBJECT_PATH_NOT_FOUND
                || s == NtStatus.STATUS_NO_SUCH_FILE || s == NtStatus.STATUS_NOT_FOUND;
    }

    /** The entry at {@code path}, not following a reparse point; empty when it does not exist. */
    public Optional<SmbEntry> stat(String path) {
        String p = smbPath(path);
        try (DiskEntry e = share.open(p, EnumSet.of(AccessMask.FILE_READ_ATTRIBUTES), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_OPEN_REPARSE_POINT))) {
            FileAllInformation info = e.getFileInformation();
            long attrs = info.getBasicInformation().getFileAttributes();
            String name = p.contains("\\") ? p.substring(p.lastIndexOf('\\') + 1) : p;
            return Optional.of(new SmbEntry(name, (attrs & SmbEntry.DIRECTORY) != 0, (attrs & SmbEntry.REPARSE_POINT) != 0,
                    info.getStandardInformation().getEndOfFile(), WindowsTime.toInstant(info.getBasicInformation().getLastWriteTime()), attrs));
        } catch (SMBApiException e) {
            if (isMissing(e)) return Optional.empty();
            throw e;
        }
    }

    /** The entries of a folder, without {@code .} and {@code ..}. */
    public List<SmbEntry> list(String folder) {
        var out = new ArrayList<SmbEntry>();
        for (FileIdBothDirectoryInformation i : share.list(smbPath(folder))) {
            String n = i.getFileName();
            if (n.equals(".") || n.equals("..")) continue;
            long attrs = i.getFileAttributes();
            out.add(new SmbEntry(n, (attrs & SmbEntry.DIRECTORY) != 0, (attrs & SmbEntry.REPARSE_POINT) != 0,
                    i.getEndOfFile(), WindowsTime.toInstant(i.getLastWriteTime()), attrs));
        }
        return out;
    }

    /** Makes one folder (its parent must exist). It gets its inherited ACEs from the server, as on Windows. */
    public void makeFolder(String path) {
        share.mkdir(smbPath(path));
    }

    /** Opens a file for reading. */
    public SmbReader openRead(String path, int inFlight) {
        File f = share.openFile(smbPath(path), EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
        return new SmbReader(f, Math.min(READ_SIZE, Math.min(maxReadSize(), ioLimit)), inFlight);
    }

    /**
     * Opens a file for writing, creating it (with the ACEs it inherits from its folder, computed by the server) when
     * missing; {@code truncate} empties an existing one.
     */
    public SmbWriter openWrite(String path, boolean truncate, int inFlight) {
        File f = share.openFile(smbPath(path), EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.DELETE), null,
                EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ), truncate ? SMB2CreateDisposition.FILE_OVERWRITE_IF : SMB2CreateDisposition.FILE_OPEN_IF,
                EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
        return new SmbWriter(f, Math.min(maxWriteSize(), ioLimit), inFlight);
    }

    /** True when the logged-on user may create files in {@code folder} (opening it for FILE_ADD_FILE succeeds). */
    public boolean canCreateIn(String folder) {
        try (DiskEntry e = share.open(smbPath(folder), EnumSet.of(AccessMask.FILE_ADD_FILE), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_DIRECTORY_FILE))) {
            return e != null;
        } catch (SMBApiException e) {
            if (e.getStatus() == NtStatus.STATUS_ACCESS_DENIED) return false;
            throw e;
        }
    }

    /**
     * The byte of the lock file that the store lock holds: far past the holder's text, so that a server that enforces
     * byte-range locks on reads and writes (Windows; Samba with strict locking = auto, its default, for POSIX locks
     * too) still lets a waiter read who holds the store. A local run locks the same byte (prestage's LocalLock).
     */
    static final long LOCK_OFFSET = prestage.core.client.StoreLock.LOCK_BYTE;

    /** An open of a store's lock file holding the lock on {@link #LOCK_OFFSET}; see {@link SmbStoreLock}. */
    record HeldLock(File file, String path) {
    }

    /**
     * Opens {@code path} (creating it) and takes an exclusive byte-range lock on it without waiting. Empty when another
     * run holds it: then {@code holder} gets what the file says about its holder. The lock is a byte-range lock and
     * not a share mode because Samba maps byte-range locks to POSIX locks of the served file (posix locking = yes),
     * which is what a local run on the same folder takes too; share modes stay inside Samba. A lock taken on a file
     * that its holder renamed or deleted as it let go is not the store's lock: it is let go and taken again.
     */
    Optional<HeldLock> tryLock(String path, java.util.function.Consumer<String> holder) {
        String p = smbPath(path);
        for (int attempt = 0; attempt < 20; attempt++) {
            File f;
            try {
                f = share.openFile(p, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.DELETE), null,
                        SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN_IF,
                        EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE, SMB2CreateOptions.FILE_OPEN_REPARSE_POINT));
            } catch (SMBApiException e) {
                // the previous holder's file is on its way out (delete pending): the next attempt opens a new one
                if (e.getStatus() == NtStatus.STATUS_DELETE_PENDING) continue;
                if (e.getStatus() == NtStatus.STATUS_SHARING_VIOLATION) return Optional.empty(); // an older prestage's exclusive open
                throw e;
            }
            boolean kept = false;
            try {
                try {
                    f.requestLock().exclusiveLock(LOCK_OFFSET, 1, true).send();
                } catch (SMBApiException e) {
                    if (e.getStatus() == NtStatus.STATUS_LOCK_NOT_GRANTED || e.getStatus() == NtStatus.STATUS_FILE_LOCK_CONFLICT) {
                        holder.accept(holderText(f));
                        return Optional.empty();
                    }
                    throw e;
                }
                if (!stillNamedBy(f, p)) continue;
                kept = true;
                return Optional.of(new HeldLock(f, p));
            } finally {
                if (!kept) f.closeSilently();
            }
        }
        return Optional.empty();
    }

    private boolean stillNamedBy(File f, String p) {
        if (f.getFileInformation(com.hierynomus.msfscc.fileinformation.FileStandardInformation.class).isDeletePending()) return false;
        long mine = f.getFileInformation(com.hierynomus.msfscc.fileinformation.FileInternalInformation.class).getIndexNumber();
        try (DiskEntry now = share.open(p, EnumSet.of(AccessMask.FILE_READ_ATTRIBUTES), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_OPEN_REPARSE_POINT))) {
            return now.getFileInformation(com.hierynomus.msfscc.fileinformation.FileInternalInformation.class).getIndexNumber() == mine;
        } catch (SMBApiException e) {
            if (isMissing(e) || e.getStatus() == NtStatus.STATUS_DELETE_PENDING) return false;
            throw e;
        }
    }

    /** What the holder wrote into the lock file (printable text only, not much), or a placeholder. */
    private static String holderText(File f) {
        try {
            byte[] b = new byte[200];
            int n = f.read(b, 0);
            String text = n <= 0 ? "" : new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip().replaceAll("[^\\x20-\\x7e]", "?");
            return text.isEmpty() ? "holder unknown" : text;
        } catch (RuntimeException e) {
            return "holder unknown";
        }
    }

    /** Writes who holds the lock into its file (what a waiting run shows), replacing what was there. */
    void writeHolder(HeldLock lock, String text) {
        byte[] b = (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        lock.file().setLength(0);
        lock.file().write(b, 0);
    }

    /**
     * Lets go of a store lock, leaving no file behind: the file is first renamed to a name of its own (so a run that
     * gets the lock of the old file in the moment between the unlock and the delete sees that it is no longer the
     * store's lock file), then deleted as it is closed. When the session is cut before, the server closes the open
     * and drops the lock; a file left behind holds no lock.
     */
    void release(HeldLock lock) {
        File f = lock.file();
        try {
            String parent = lock.path().contains("\\") ? lock.path().substring(0, lock.path().lastIndexOf('\\') + 1) : "";
            f.rename(parent + ".prestage-lock-" + java.util.UUID.randomUUID() + ".released", false);
            f.deleteOnClose();
        } catch (SMBApiException e) {
            // the rename or delete was refused: the file stays (empty of locks), which costs nothing
        } finally {
            Uninterrupted.run(f::close);
        }
    }

    /** Renames {@code from} to {@code to} (both share-relative), replacing {@code to} if it exists. */
    public void replace(String from, String to) {
        try (DiskEntry e = share.open(smbPath(from), EnumSet.of(AccessMask.DELETE, AccessMask.FILE_READ_ATTRIBUTES), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
            e.rename(smbPath(to), true);
        }
    }

    /** Deletes a file or an empty folder; a missing one is fine. */
    public void delete(String path) {
        Optional<SmbEntry> e = stat(path);
        if (e.isEmpty()) return;
        try {
            if (e.get().isFolder()) share.rmdir(smbPath(path), false);
            else share.rm(smbPath(path));
        } catch (SMBApiException x) {
            if (!isMissing(x)) throw x;
        }
    }

    /** Bytes free to the logged-on user on the share's volume. */
    public long usableSpace() {
        return share.getShareInformation().getFreeSpace();
    }

    /** The file's security descriptor (owner, group, DACL) as self-relative bytes, exactly as the server sends it. */
    public byte[] readSecurityBytes(String path) {
        var info = EnumSet.of(SecurityInformation.OWNER_SECURITY_INFORMATION, SecurityInformation.GROUP_SECURITY_INFORMATION,
                SecurityInformation.DACL_SECURITY_INFORMATION);
        try (DiskEntry e = share.open(smbPath(path), EnumSet.of(AccessMask.READ_CONTROL), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_OPEN_REPARSE_POINT))) {
            return share.queryInfo(e.getFileId(), SMB2QueryInfoRequest.SMB2QueryInfoType.SMB2_0_INFO_SECURITY, info, null, null)
                    .getOutputBuffer();
        }
    }

    public prestage.core.security.SecurityDescriptor readSecurity(String path) {
        return SelfRelativeDescriptor.decode(readSecurityBytes(path));
    }

    /**
     * Writes the DACL of {@code sd} (and its owner and group when it has them), telling the server whether the DACL is
     * protected, as SetNamedSecurityInfo does. The server then recomputes the inherited ACEs of existing children only
     * if asked to by a client (Windows does not either): propagation is the ACL verb's job.
     */
    public void writeSecurity(String path, prestage.core.security.SecurityDescriptor sd) {
        Set<SecurityInformation> info = EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION,
                sd.isDaclProtected() ? SecurityInformation.PROTECTED_DACL_SECURITY_INFORMATION : SecurityInformation.UNPROTECTED_DACL_SECURITY_INFORMATION);
        Set<AccessMask> access = EnumSet.of(AccessMask.WRITE_DAC, AccessMask.READ_CONTROL);
        if (sd.owner() != null) info.add(SecurityInformation.OWNER_SECURITY_INFORMATION);
        if (sd.group() != null) info.add(SecurityInformation.GROUP_SECURITY_INFORMATION);
        if (sd.owner() != null || sd.group() != null) access.add(AccessMask.WRITE_OWNER);
        // Samba (like Windows) keeps DACL_AUTO_INHERITED only when the request also says DACL_AUTO_INHERIT_REQ, which
        // is what Windows' own SetSecurityInfo sends; without it a PAI DACL comes back as P only (measured: 0x9004)
        var toSend = sd.has(ControlFlag.DACL_AUTO_INHERITED) ? sd.withControl(sd.control() | ControlFlag.DACL_AUTO_INHERIT_REQ.bit()) : sd;
        SecurityDescriptor smbjSd;
        try {
            smbjSd = SecurityDescriptor.read(new SMBBuffer(SelfRelativeDescriptor.encode(toSend)));
        } catch (Buffer.BufferException e) {
            throw new IllegalStateException("smbj cannot read a descriptor prestage encoded: " + sd, e);
        }
        try (DiskEntry e = share.open(smbPath(path), access, null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN,
                EnumSet.of(SMB2CreateOptions.FILE_OPEN_REPARSE_POINT))) {
            e.setSecurityInformation(smbjSd, info);
        }
    }

    /** Sets or clears FILE_ATTRIBUTE_READONLY, leaving the other attributes and the times as they are. */
    public void setReadOnly(String path, boolean readOnly) {
        try (DiskEntry e = share.open(smbPath(path), EnumSet.of(AccessMask.FILE_READ_ATTRIBUTES, AccessMask.FILE_WRITE_ATTRIBUTES), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_OPEN_REPARSE_POINT))) {
            long attrs = e.getFileInformation(FileBasicInformation.class).getFileAttributes();
            long next = readOnly ? attrs | SmbEntry.READONLY : attrs & ~SmbEntry.READONLY;
            if (next == attrs) return;
            // attributes 0 mean "leave unchanged" in SET_INFO: a file with no attribute left is FILE_ATTRIBUTE_NORMAL
            if (next == 0) next = SmbEntry.NORMAL;
            e.setFileInformation(new FileBasicInformation(FileBasicInformation.DONT_SET, FileBasicInformation.DONT_SET,
                    FileBasicInformation.DONT_SET, FileBasicInformation.DONT_SET, next));
        }
    }

    /** Sets the last-write time, leaving the rest. */
    public void setModified(String path, Instant when) {
        try (DiskEntry e = share.open(smbPath(path), EnumSet.of(AccessMask.FILE_WRITE_ATTRIBUTES), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null)) {
            e.setFileInformation(new FileBasicInformation(FileBasicInformation.DONT_SET, FileBasicInformation.DONT_SET,
                    WindowsTime.of(when), FileBasicInformation.DONT_SET, 0));
        }
    }

    /** This share's logon, for the named pipes (winreg, svcctl) that travel over the same session. */
    public Session session() {
        return session;
    }

    @Override
    public void close() {
        try {
            share.close();
        } catch (IOException | RuntimeException e) {
            // the session close below still runs
        }
        closeQuietly(session, connection, client);
    }
}
