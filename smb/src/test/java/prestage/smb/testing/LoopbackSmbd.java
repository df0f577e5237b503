package prestage.smb.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import prestage.core.testing.Smbd;
import prestage.smbd.SmbdConfig;
import prestage.smbd.SmbdProcess;

/**
 * A real {@code smbd} the test JVM can reach: it listens on 127.0.0.1 at a free port ({@code smb ports = N}) in the
 * host's network namespace, with everything it keeps under one temporary folder, the registry service on
 * ({@code rpc start on demand helpers = yes}: Samba serves a writable winreg from {@code state/registry.tdb}) and
 * {@code root} in its private passdb (winreg writes need root's admin token; FACTS 7).
 * <p>
 * Why not {@link Smbd}: that one runs smbd in a network namespace of its own so that smbcacls, which always dials
 * 445, reaches it; the JVM cannot. Here it is the other way round: smbj, {@code smbclient -p} and {@code net -p} dial
 * the port directly, and {@link #smbcacls} runs smbcacls in a throw-away namespace whose 127.0.0.1:445 is a socat
 * relay back to this port in the host namespace (measured: smbclient and smbcacls ignore {@code smb ports} from the
 * -s file; {@code smbclient -p} and {@code net -p} honour a port).
 * <p>
 * Shares: {@value #SHARE} (writable, NT ACLs in {@code user.NTACL}, root is an admin user), {@value #READ_ONLY_SHARE}
 * (read only) and {@value #DENIED_SHARE} (only user {@code nobody} may connect: a tree connect as root is refused, as
 * C$ refuses a user who is not an administrator).
 * <p>
 * smbd is started WITHOUT {@code --no-process-group} (its exit signals its own process group) and stopped by PID;
 * the {@code samba-dcerpcd} it spawns on demand re-parents itself to init, so it is stopped by the PID it writes
 * into this server's own pid directory.
 */
public final class LoopbackSmbd implements AutoCloseable {
    public static final String SHARE = "share";
    public static final String READ_ONLY_SHARE = "readonly";
    public static final String DENIED_SHARE = "denied";
    public static final String USER = SmbdConfig.USER;
    public static final String PASSWORD = SmbdConfig.PASSWORD;
    /** A [global] option {@link #start(Path, Map, Map)} takes: "no" starts a server without the registry pipe. */
    public static final String RPC_HELPERS = "rpc start on demand helpers";

    private final SmbdConfig config;
    private final int port;
    private SmbdProcess process;

    private LoopbackSmbd(SmbdConfig config, int port) {
        this.config = config;
        this.port = port;
    }

    /** Configures and starts smbd under {@code dir}; {@code shareOptions} are added to share {@value #SHARE}. */
    public static LoopbackSmbd start(Path dir, Map<String, String> shareOptions) throws IOException {
        return start(dir, shareOptions, Map.of());
    }

    /**
     * As {@link #start(Path, Map)}, with {@code globalOptions} added to smb.conf's [global] section, e.g.
     * {@code server signing = mandatory}.
     */
    public static LoopbackSmbd start(Path dir, Map<String, String> shareOptions, Map<String, String> globalOptions) throws IOException {
        for (String tool : List.of("smbd", "smbpasswd", "net", "smbclient", "smbcacls", "unshare", "nsenter", "ip", "socat")) {
            Smbd.requireToolFor(tool, "samba, smbclient, util-linux, iproute2 and socat (apt-get install samba smbclient iproute2 socat)");
        }
        int port = freePort();
        var ntAcls = new LinkedHashMap<String, String>();
        ntAcls.put("vfs objects", "acl_xattr");
        ntAcls.put("acl_xattr:security_acl_name", "user.NTACL");
        ntAcls.putAll(shareOptions);
        // "rpc start on demand helpers = no" with no samba-dcerpcd running: no \PIPE\winreg, as on a Windows client whose
        // Remote Registry service is stopped
        boolean rpc = !"no".equals(globalOptions.get(RPC_HELPERS));
        var extra = new LinkedHashMap<>(globalOptions);
        extra.remove(RPC_HELPERS);
        var config = new SmbdConfig(dir, port, rpc)
                .share(SHARE, SmbdConfig.writable(ntAcls))
                .share(READ_ONLY_SHARE, Map.of("read only", "yes"))
                .share(DENIED_SHARE, Map.of("valid users", "nobody"));
        var smbd = new LoopbackSmbd(config, port);
        extra.forEach(config::global);
        try {
            config.write();
            smbd.process = SmbdProcess.start(List.of("smbd", "--foreground", "--debug-stdout", "-s", config.file().toString()),
                    dir.resolve("smbd.log"), port);
            return smbd;
        } catch (IOException | RuntimeException e) {
            smbd.close();
            throw e;
        }
    }

    public static LoopbackSmbd start(Path dir) throws IOException {
        return start(dir, Map.of());
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path configFile() {
        return config.file();
    }

    /** The folder behind share {@code name}. */
    public Path shareDir(String name) {
        return config.dir().resolve(name);
    }

    public Path shareDir() {
        return shareDir(SHARE);
    }

    /** {@code smb://root@127.0.0.1:PORT/SHARE}, the way a user would name this server's share. */
    public String url(String share) {
        return "smb://" + USER + "@127.0.0.1:" + port + "/" + share;
    }

    /**
     * Writes, to {@code file}, this server's user and password in smbclient's -A format (what --credentials reads),
     * readable by its owner alone (prestage refuses a credentials file others can read).
     */
    public static Path credentialsFile(Path file) throws IOException {
        return ownerOnly(Files.writeString(file, "username = " + USER + "\npassword = " + PASSWORD + "\n"));
    }

    /** chmod 600, as a credentials file must be. */
    public static Path ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** {@code smbclient //127.0.0.1/SHARE -p PORT -U root%pw -c COMMANDS}; fails on a non-zero exit status. */
    public String smbclient(String share, String commands) throws IOException {
        return Smbd.run(List.of("smbclient", "//127.0.0.1/" + share, "-p", Integer.toString(port), "-s", configFile().toString(),
                "-U", USER + "%" + PASSWORD, "-c", commands), null);
    }

    /** {@code net -s CONF -p PORT rpc ARGS -S 127.0.0.1 -U root%pw}, e.g. {@code registry getvalue KEY NAME}. */
    public String netRpc(String... args) throws IOException {
        var cmd = new ArrayList<>(List.of("net", "-s", configFile().toString(), "-p", Integer.toString(port), "rpc"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-S", "127.0.0.1", "-U", USER + "%" + PASSWORD));
        return Smbd.run(cmd, null);
    }

    /**
     * {@code smbcacls //127.0.0.1/SHARE PATH -U root%pw ARGS}. smbcacls can only dial 445, so it runs in a new network
     * namespace where a socat on 127.0.0.1:445 relays each connection back into the JVM's namespace to this port.
     */
    public String smbcacls(String share, String pathInShare, String... args) throws IOException {
        var inner = new StringBuilder("ip link set lo up && ");
        inner.append("socat TCP-LISTEN:445,bind=127.0.0.1,reuseaddr,fork EXEC:'nsenter --net=/proc/")
                .append(ProcessHandle.current().pid()).append("/ns/net socat STDIO TCP\\:127.0.0.1\\:").append(port).append("' & relay=$!; ")
                .append("i=0; until ss -ltn | grep -q '127.0.0.1:445 '; do i=$((i+1)); [ $i -gt 100 ] && exit 99; sleep 0.05; done; ")
                .append("\"$@\"; status=$?; kill $relay; wait $relay 2>/dev/null; exit $status");
        var cmd = new ArrayList<>(List.of("unshare", "--net", "sh", "-c", inner.toString(), "sh",
                "smbcacls", "//127.0.0.1/" + share, pathInShare, "-U", USER + "%" + PASSWORD));
        cmd.addAll(List.of(args));
        return Smbd.run(cmd, null);
    }

    /**
     * Cuts every client connection without stopping the server: SIGKILL to the per-connection smbd children (smbd
     * forks one per client; its helpers are named smbd-notifyd and cleanupd). Returns how many were cut.
     */
    public int cutConnections() {
        int cut = 0;
        for (ProcessHandle child : process.handle().children().toList()) {
            String comm;
            try {
                comm = Files.readString(Path.of("/proc", Long.toString(child.pid()), "comm")).strip();
            } catch (IOException e) {
                continue;
            }
            if (comm.equals("smbd") || comm.startsWith("smbd[")) {
                child.destroyForcibly();
                child.onExit().orTimeout(5, TimeUnit.SECONDS).join();
                cut++;
            }
        }
        return cut;
    }

    /** The per-connection smbd children (smbd forks one per client; its helpers are named smbd-notifyd and cleanupd). */
    private List<ProcessHandle> connectionChildren() {
        var out = new ArrayList<ProcessHandle>();
        for (ProcessHandle child : process.handle().children().toList()) {
            try {
                String comm = Files.readString(Path.of("/proc", Long.toString(child.pid()), "comm")).strip();
                if (comm.equals("smbd") || comm.startsWith("smbd[")) out.add(child);
            } catch (IOException e) {
                // gone
            }
        }
        return out;
    }

    /**
     * Stalls the server: SIGSTOP to smbd itself and to every connection child, by PID. The kernel still accepts TCP
     * connections on its port (the listen backlog), but nothing answers: a hung host. {@link #resume()} undoes it.
     */
    public void stall() throws IOException {
        signal("STOP", process.pid());
        for (ProcessHandle child : connectionChildren()) signal("STOP", child.pid());
    }

    /** Stalls only the sessions open now (SIGSTOP to each connection child): a session that hangs mid-request. */
    public int stallSessions() throws IOException {
        var children = connectionChildren();
        for (ProcessHandle child : children) signal("STOP", child.pid());
        return children.size();
    }

    /** SIGCONT to smbd and its connection children. */
    public void resume() throws IOException {
        signal("CONT", process.pid());
        for (ProcessHandle child : connectionChildren()) signal("CONT", child.pid());
    }

    /** kill -NAME PID; a connection child that ended meanwhile (its client went away) is fine. */
    private static void signal(String name, long pid) throws IOException {
        try {
            Smbd.run(List.of("kill", "-" + name, Long.toString(pid)), null);
        } catch (IOException e) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) throw e;
        }
    }

    public String logTail() {
        return process == null ? "(not started)" : process.logTail();
    }

    /** Stops smbd and the samba-dcerpcd it spawned, by PID, and waits for them and their children. Safe to call twice. */
    @Override
    public void close() {
        if (process != null) {
            try {
                resume(); // a stopped smbd cannot be stopped by SIGTERM until it runs again
            } catch (IOException | RuntimeException e) {
                // already gone
            }
            process.close();
        }
        SmbdProcess.stopDcerpcd(config);
    }
}
