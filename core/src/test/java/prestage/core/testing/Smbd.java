package prestage.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    /** The one Unix account sure to exist wherever the tests run; it is added to the private passdb only. */
    public static final String USER = "root";
    public static final String PASSWORD = "Prestage-test-1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final Path share;
    private final Path log;
    private Process process;

    private Smbd(Path dir, Path share) {
        this.dir = dir;
        this.config = dir.resolve("smb.conf");
        this.share = share;
        this.log = dir.resolve("smbd.log");
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
        Smbd smbd = new Smbd(dir, dir.resolve(SHARE));
        try {
            smbd.configure(shareOptions);
            smbd.launch();
            return smbd;
        } catch (IOException | RuntimeException e) {
            smbd.close();
            throw e;
        }
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

    private void configure(Map<String, String> shareOptions) throws IOException {
        for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log", SHARE)) {
            Files.createDirectories(dir.resolve(d));
        }
        var global = new LinkedHashMap<String, String>();
        // one name for both, so that samba-tool finds the domain SID that net getlocalsid stores
        global.put("netbios name", "PRESTAGETEST");
        global.put("workgroup", "PRESTAGETEST");
        global.put("server role", "standalone server");
        global.put("interfaces", "lo");
        global.put("bind interfaces only", "yes");
        global.put("disable netbios", "yes");
        global.put("smb ports", "445");
        global.put("private dir", dir.resolve("private").toString());
        global.put("lock directory", dir.resolve("lock").toString());
        global.put("state directory", dir.resolve("state").toString());
        global.put("cache directory", dir.resolve("cache").toString());
        global.put("pid directory", dir.resolve("pid").toString());
        global.put("ncalrpc dir", dir.resolve("ncalrpc").toString());
        global.put("log file", dir.resolve("log").resolve("log.%m").toString());
        global.put("rpc start on demand helpers", "no");
        global.put("passdb backend", "tdbsam");
        global.put("load printers", "no");
        global.put("printcap name", "/dev/null");
        var shareConf = new LinkedHashMap<String, String>();
        shareConf.put("path", share.toString());
        shareConf.put("read only", "no");
        shareConf.put("admin users", USER);
        shareConf.putAll(shareOptions);
        var sb = new StringBuilder("[global]\n");
        global.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        sb.append('[').append(SHARE).append("]\n");
        shareConf.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        Files.writeString(config, sb.toString());
        run(List.of("smbpasswd", "-c", config.toString(), "-s", "-a", USER), PASSWORD + "\n" + PASSWORD + "\n");
        run(List.of("net", "-s", config.toString(), "getlocalsid"), null);
    }

    private void launch() throws IOException {
        String script = "ip link set lo up && exec smbd --foreground --debug-stdout -s '" + config + "'";
        process = new ProcessBuilder("unshare", "--net", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IOException("smbd exited with status " + process.exitValue() + " before listening; its log:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("smbd did not listen on 127.0.0.1:445 within " + READY_TIMEOUT.toSeconds() + " s; its log:\n" + logTail());
            }
            sleep(100);
        }
    }

    /** smbd's own namespace shows in /proc/PID/net/tcp: 127.0.0.1:445 (0100007F:01BD) in state LISTEN (0A). */
    private boolean listening() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "net", "tcp"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 3 && f[1].equals("0100007F:01BD") && f[3].equals("0A")) return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    public long pid() {
        return process.pid();
    }

    public Path configFile() {
        return config;
    }

    /** The share's folder on this machine. */
    public Path shareDir() {
        return share;
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
                "-s", config.toString()), null).strip();
    }

    /** {@code samba-tool ntacl get --as-sddl --use-ntvfs}: decodes security.NTACL itself, no daemon, no hash check. */
    public String ntaclGetRaw(Path local) throws IOException {
        return run(List.of("samba-tool", "ntacl", "get", "--as-sddl", "--use-ntvfs", local.toString(), "-s", config.toString()), null).strip();
    }

    /** The last part of smbd's log, for failure messages. */
    public String logTail() {
        try {
            String all = Files.readString(log, StandardCharsets.UTF_8);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops smbd by PID (SIGTERM, then SIGKILL) and waits for it and any child it left. Safe to call twice. */
    @Override
    public void close() {
        if (process == null) return;
        var children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
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
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return Path.of(d, tool).toString();
        }
        return null;
    }

    /** How a command ended: its exit status and both outputs. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs a command to completion (at most two minutes) and returns its standard output; a non-zero exit status
     * is an IOException carrying both outputs.
     */
    public static String run(List<String> command, String stdin) throws IOException {
        Result r = exec(command, stdin);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with status " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
        }
        return r.stdout();
    }

    /** Runs a command to completion (at most two minutes), whatever its exit status. Output goes through files, so a chatty tool cannot block. */
    public static Result exec(List<String> command, String stdin) throws IOException {
        Path out = Files.createTempFile("prestage-tool", ".out");
        Path err = Files.createTempFile("prestage-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            try {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IOException("timed out after 2 minutes: " + String.join(" ", command));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
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
