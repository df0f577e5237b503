package prestage.core.testing;

import prestage.smbd.Commands;
import prestage.smbd.SmbdConfig;
import prestage.smbd.SmbdProcess;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@code smbd} for tests, confined to a temporary folder and to loopback.
 * <p>
 * Everything Samba keeps (smb.conf, passdb, locks, state, caches, pid, sockets, logs) lives under the folder given
 * to {@link #start}. smbd runs in a network namespace of its own ({@code unshare --net}) that holds nothing but
 * {@code lo}, with {@code interfaces = lo} and {@code bind interfaces only = yes}: Samba 4.17's smbcacls has no
 * port option and always dials 445, and a private namespace gives each test smbd its own free 445 without
 * touching a system smbd. Client tools run in that namespace through {@link #client}; {@code samba-tool}, which
 * needs no network, runs directly.
 * <p>
 * smbd is started WITHOUT {@code --no-process-group}: on exit it signals its whole process group, which must be
 * its own and not the JVM's. It is stopped by PID in {@link #close()}, which waits for it and its children to exit.
 */
public final class Smbd implements AutoCloseable {
    public static final String SHARE = "share";
    public static final String USER = SmbdConfig.USER;
    public static final String PASSWORD = SmbdConfig.PASSWORD;

    private final SmbdConfig config;
    private SmbdProcess process;

    private Smbd(SmbdConfig config) {
        this.config = config;
    }

    /**
     * Writes a private configuration under {@code dir}, adds {@link #USER} to its passdb and starts smbd.
     *
     * @param shareOptions extra options of the share {@code [share]} (e.g. {@code acl_xattr:security_acl_name});
     *                     its folder is {@code dir/share}
     */
    public static Smbd start(Path dir, Map<String, String> shareOptions) throws IOException {
        for (String tool : List.of("smbd", "smbpasswd", "net", "smbcacls", "samba-tool", "unshare", "nsenter", "ip")) {
            requireTool(tool);
        }
        var smbd = new Smbd(new SmbdConfig(dir, 445, false).share(SHARE, SmbdConfig.writable(shareOptions)));
        Path config = smbd.config.write();
        String script = "ip link set lo up && exec smbd --foreground --debug-stdout -s '" + config + "'";
        smbd.process = SmbdProcess.start(List.of("unshare", "--net", "sh", "-c", script), dir.resolve("smbd.log"), 445);
        return smbd;
    }

    /**
     * A share with {@code vfs objects = acl_xattr} keeping NT ACLs in {@code attribute}: user.NTACL through
     * {@code acl_xattr:security_acl_name}, security.NTACL as Samba's default. The option is left out for the
     * default on purpose: Samba 4.17 given {@code acl_xattr:security_acl_name = security.NTACL} explicitly neither
     * reads that attribute nor writes it (measured: smbcacls --set fails with NT_STATUS_ACCESS_DENIED).
     */
    public static Smbd startWithAclXattr(Path dir, String attribute) throws IOException {
        var options = new LinkedHashMap<String, String>();
        options.put("vfs objects", "acl_xattr");
        if (!attribute.equals("security.NTACL")) options.put("acl_xattr:security_acl_name", attribute);
        return start(dir, options);
    }

    public long pid() {
        return process.pid();
    }

    public Path configFile() {
        return config.file();
    }

    /** The share's folder on this machine. */
    public Path shareDir() {
        return config.dir().resolve(SHARE);
    }

    /** {@code //127.0.0.1/share}. */
    public String unc() {
        return "//127.0.0.1/" + SHARE;
    }

    /** {@code -U root%password}, for client tools. */
    public List<String> credentials() {
        return List.of("-U", USER + "%" + PASSWORD);
    }

    /** Runs a client tool (smbcacls, smbclient, ...) in smbd's network namespace; fails on a non-zero exit status. */
    public String client(List<String> command) throws IOException {
        var full = new ArrayList<String>(List.of("nsenter", "--net=/proc/" + process.pid() + "/ns/net", "--"));
        full.addAll(command);
        return run(full, null);
    }

    /** {@code smbcacls //127.0.0.1/share PATH -U ... ARGS}: PATH is relative to the share, with / or \. */
    public String smbcacls(String pathInShare, String... args) throws IOException {
        var cmd = new ArrayList<String>(List.of("smbcacls", unc(), pathInShare));
        cmd.addAll(credentials());
        cmd.addAll(List.of(args));
        return client(cmd);
    }

    /** {@code samba-tool ntacl get --as-sddl}: through the share's VFS (honours security_acl_name, checks hashes). */
    public String ntaclGetThroughVfs(Path local) throws IOException {
        return run(List.of("samba-tool", "ntacl", "get", "--as-sddl", "--use-s3fs", "--service", SHARE, local.toString(),
                "-s", configFile().toString()), null).strip();
    }

    /** {@code samba-tool ntacl get --as-sddl --use-ntvfs}: decodes security.NTACL itself, no daemon, no hash check. */
    public String ntaclGetRaw(Path local) throws IOException {
        return run(List.of("samba-tool", "ntacl", "get", "--as-sddl", "--use-ntvfs", local.toString(), "-s", configFile().toString()), null).strip();
    }

    /** The last part of smbd's log, for failure messages. */
    public String logTail() {
        return process == null ? "(not started)" : process.logTail();
    }

    /** Stops smbd by PID (SIGTERM, then SIGKILL) and waits for it and any child it left. Safe to call twice. */
    @Override
    public void close() {
        if (process != null) process.close();
    }

    static void requireTool(String tool) {
        requireToolFor(tool, "samba, smbclient, util-linux and iproute2 (apt-get install samba smbclient iproute2)");
    }

    /** Fails, naming what to install, when {@code tool} is missing: a missing tool is a failed test, never a skipped one. */
    public static void requireToolFor(String tool, String packages) {
        if (which(tool) == null) {
            throw new IllegalStateException(tool + " is not installed (not on PATH, /usr/sbin or /sbin); these tests need " + packages);
        }
    }

    static String which(String tool) {
        return Commands.which(tool);
    }

    /** How a command ended: its exit status and both outputs. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** {@link Commands#run}: standard output, or an IOException carrying both outputs on a non-zero exit status. */
    public static String run(List<String> command, String stdin) throws IOException {
        return Commands.run(command, stdin);
    }

    /** {@link Commands#exec}: how the command ended, whatever its exit status. */
    public static Result exec(List<String> command, String stdin) throws IOException {
        Commands.Result r = Commands.exec(command, stdin);
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }
}
