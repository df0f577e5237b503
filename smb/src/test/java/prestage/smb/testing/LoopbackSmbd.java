package prestage.smb.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import prestage.core.testing.Smbd;

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
    public static final String USER = "root";
    public static final String PASSWORD = "Prestage-test-1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private LoopbackSmbd(Path dir, int port) {
        this.dir = dir;
        this.config = dir.resolve("smb.conf");
        this.log = dir.resolve("smbd.log");
        this.port = port;
    }

    /** Configures and starts smbd under {@code dir}; {@code shareOptions} are added to share {@value #SHARE}. */
    public static LoopbackSmbd start(Path dir, Map<String, String> shareOptions) throws IOException {
        for (String tool : List.of("smbd", "smbpasswd", "net", "smbclient", "smbcacls", "unshare", "nsenter", "ip", "socat")) {
            Smbd.requireToolFor(tool, "samba, smbclient, util-linux, iproute2 and socat (apt-get install samba smbclient iproute2 socat)");
        }
        var smbd = new LoopbackSmbd(dir, freePort());
        try {
            smbd.configure(shareOptions);
            smbd.launch();
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

    private void configure(Map<String, String> shareOptions) throws IOException {
        for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log", SHARE, READ_ONLY_SHARE, DENIED_SHARE)) {
            Files.createDirectories(dir.resolve(d));
        }
        var global = new LinkedHashMap<String, String>();
        global.put("netbios name", "PRESTAGETEST");
        global.put("workgroup", "PRESTAGETEST");
        global.put("server role", "standalone server");
        global.put("interfaces", "lo");
        global.put("bind interfaces only", "yes");
        global.put("disable netbios", "yes");
        global.put("smb ports", Integer.toString(port));
        for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc")) {
            global.put(d.equals("lock") ? "lock directory" : d.equals("private") ? "private dir" : d.equals("ncalrpc") ? "ncalrpc dir" : d + " directory",
                    dir.resolve(d).toString());
        }
        global.put("log file", dir.resolve("log").resolve("log.%m").toString());
        global.put("rpc start on demand helpers", "yes");
        global.put("passdb backend", "tdbsam");
        global.put("load printers", "no");
        global.put("printcap name", "/dev/null");
        var share = new LinkedHashMap<String, String>();
        share.put("path", dir.resolve(SHARE).toString());
        share.put("read only", "no");
        share.put("admin users", USER);
        share.put("vfs objects", "acl_xattr");
        share.put("acl_xattr:security_acl_name", "user.NTACL");
        share.putAll(shareOptions);
        var sb = new StringBuilder();
        section(sb, "global", global);
        section(sb, SHARE, share);
        section(sb, READ_ONLY_SHARE, Map.of("path", dir.resolve(READ_ONLY_SHARE).toString(), "read only", "yes"));
        section(sb, DENIED_SHARE, Map.of("path", dir.resolve(DENIED_SHARE).toString(), "valid users", "nobody"));
        Files.writeString(config, sb.toString());
        Smbd.run(List.of("smbpasswd", "-c", config.toString(), "-s", "-a", USER), PASSWORD + "\n" + PASSWORD + "\n");
        Smbd.run(List.of("net", "-s", config.toString(), "getlocalsid"), null);
    }

    private static void section(StringBuilder sb, String name, Map<String, String> options) {
        sb.append('[').append(name).append("]\n");
        options.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
    }

    private void launch() throws IOException {
        process = new ProcessBuilder("smbd", "--foreground", "--debug-stdout", "-s", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IOException("smbd exited with status " + process.exitValue() + " before listening; its log:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("smbd did not listen on 127.0.0.1:" + port + " within " + READY_TIMEOUT.toSeconds() + " s; its log:\n" + logTail());
            }
            sleep(100);
        }
    }

    /** 127.0.0.1:port (0100007F:hex) in state LISTEN (0A), read from smbd's own view of the namespace. */
    private boolean listening() {
        String local = String.format("0100007F:%04X", port);
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "net", "tcp"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 3 && f[1].equals(local) && f[3].equals("0A")) return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path configFile() {
        return config;
    }

    /** The folder behind share {@code name}. */
    public Path shareDir(String name) {
        return dir.resolve(name);
    }

    public Path shareDir() {
        return shareDir(SHARE);
    }

    /** {@code smb://root@127.0.0.1:PORT/SHARE}, the way a user would name this server's share. */
    public String url(String share) {
        return "smb://" + USER + "@127.0.0.1:" + port + "/" + share;
    }

    /** {@code smbclient //127.0.0.1/SHARE -p PORT -U root%pw -c COMMANDS}; fails on a non-zero exit status. */
    public String smbclient(String share, String commands) throws IOException {
        return Smbd.run(List.of("smbclient", "//127.0.0.1/" + share, "-p", Integer.toString(port), "-s", config.toString(),
                "-U", USER + "%" + PASSWORD, "-c", commands), null);
    }

    /** {@code net -s CONF -p PORT rpc ARGS -S 127.0.0.1 -U root%pw}, e.g. {@code registry getvalue KEY NAME}. */
    public String netRpc(String... args) throws IOException {
        var cmd = new ArrayList<>(List.of("net", "-s", config.toString(), "-p", Integer.toString(port), "rpc"));
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
        for (ProcessHandle child : process.children().toList()) {
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

    public String logTail() {
        try {
            String all = Files.readString(log, StandardCharsets.UTF_8);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops smbd and the samba-dcerpcd it spawned, by PID, and waits for them and their children. Safe to call twice. */
    @Override
    public void close() {
        if (process != null) {
            stop(process.toHandle());
        }
        Path dcerpcd = dir.resolve("pid").resolve("samba-dcerpcd.pid");
        try {
            if (Files.exists(dcerpcd)) {
                long pid = Long.parseLong(Files.readString(dcerpcd).strip());
                // only a samba-dcerpcd serving THIS configuration: a stale pid file must not hit another process
                ProcessHandle.of(pid).filter(h -> commandLine(pid).contains(config.toString())).ifPresent(LoopbackSmbd::stop);
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to stop
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void stop(ProcessHandle h) {
        var children = h.descendants().toList();
        if (h.isAlive()) {
            h.destroy();
            try {
                h.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
                h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
                child.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> {
                    child.destroyForcibly();
                    return child;
                }).join();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
