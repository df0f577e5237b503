package prestage.smb.demo;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import prestage.core.BadInputException;

/**
 * A private smbd on 127.0.0.1 that stands in for a Windows client in the demo ({@code scripts/demo.groovy -p
 * remote=yes}): its own folder, configuration, passdb and free port, a share named {@code C$} with NT ACLs kept by
 * {@code vfs_acl_xattr}, and the registry service on ({@code rpc start on demand helpers}: Samba serves a writable
 * winreg), with {@code HKLM\SOFTWARE\WOW6432Node} so it passes for an x64 client.
 * <p>
 * It lives in the smb module, not in core or the recipe language: the demo reaches it by its class name. It also asks
 * Samba's own tools what the server now holds ({@link #sha256sumCheck}, {@link #ntacl}, {@link #attributes},
 * {@link #registryValue}), so the demo shows outside judges, not prestage judging itself.
 * <p>
 * smbd is started without {@code --no-process-group} (its exit signals its own process group, never ours) and stopped
 * by PID, as is the {@code samba-dcerpcd} it spawns (by the PID file in this server's own folder, after checking that
 * process serves this configuration). A shutdown hook stops both when the JVM ends first (Ctrl-C).
 */
public final class DemoSmbd implements AutoCloseable {
    public static final String SHARE = "C$";
    public static final String USER = "root";
    private static final long READY_MILLIS = 30_000;
    private static final List<String> TOOLS = List.of("smbd", "smbpasswd", "net", "smbclient", "samba-tool", "sha256sum");

    private final Path dir;
    private final Path config;
    private final Path credentials;
    private final String password;
    private final int port;
    private Process smbd;
    private Thread shutdownHook;

    private DemoSmbd(Path dir, int port) {
        this.dir = dir;
        this.config = dir.resolve("smb.conf");
        this.credentials = dir.resolve("credentials");
        // a fresh password per start: the server lives for one demo run only
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        this.password = "Demo-" + HexFormat.of().formatHex(random);
        this.port = port;
    }

    /** Whether the tools this server needs are installed and we may start smbd (it switches users, so root). */
    public static String unavailableReason() {
        for (String tool : TOOLS) {
            if (!onPath(tool)) return "'" + tool + "' is not on the PATH: apt-get install samba smbclient (or put /usr/sbin on the PATH)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "smbd must run as root to serve a share as root (the remote part of the demo): run it as root or leave out -p remote=yes";
        }
        return null;
    }

    /** Configures and starts smbd with everything under {@code dir} (emptied of an earlier run's server first). */
    public static DemoSmbd start(Path dir) throws IOException {
        String reason = unavailableReason();
        if (reason != null) throw new BadInputException("demo remote=yes: " + reason);
        dir = dir.toAbsolutePath().normalize();
        var server = new DemoSmbd(dir, freePort());
        try {
            server.configure();
            server.launch();
            server.run(List.of("net", "-s", server.config.toString(), "-p", Integer.toString(server.port), "rpc", "registry", "createkey",
                    "HKLM\\SOFTWARE\\WOW6432Node", "-S", "127.0.0.1", "-A", server.credentials.toString()));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void configure() throws IOException {
        // an earlier demo server's share, registry (state/registry.tdb) and passdb stay, so a second run of the demo
        // finds its client as it left it; only its PID files go (that server is stopped)
        deleteTree(dir.resolve("pid"));
        for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.createDirectories(shareDir());
        String conf = String.join("\n",
                "[global]",
                "  netbios name = PRESTAGEDEMO",
                "  workgroup = PRESTAGEDEMO",
                "  server role = standalone server",
                "  interfaces = lo",
                "  bind interfaces only = yes",
                "  disable netbios = yes",
                "  smb ports = " + port,
                "  server signing = mandatory",
                "  private dir = " + dir.resolve("private"),
                "  lock directory = " + dir.resolve("lock"),
                "  state directory = " + dir.resolve("state"),
                "  cache directory = " + dir.resolve("cache"),
                "  pid directory = " + dir.resolve("pid"),
                "  ncalrpc dir = " + dir.resolve("ncalrpc"),
                "  log file = " + dir.resolve("log").resolve("log.%m"),
                "  rpc start on demand helpers = yes",
                "  passdb backend = tdbsam",
                "  load printers = no",
                "  printcap name = /dev/null",
                "[" + SHARE + "]",
                "  path = " + shareDir(),
                "  read only = no",
                "  admin users = " + USER,
                "  vfs objects = acl_xattr",
                "  acl_xattr:security_acl_name = user.NTACL",
                "");
        Files.writeString(config, conf);
        Files.deleteIfExists(credentials);
        Files.createFile(credentials, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(credentials, "username = " + USER + "\npassword = " + password + "\n");
        runWithInput(List.of("smbpasswd", "-c", config.toString(), "-s", "-a", USER), password + "\n" + password + "\n");
    }

    private void launch() throws IOException {
        smbd = new ProcessBuilder("smbd", "--foreground", "--debug-stdout", "-s", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve("smbd.out").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        shutdownHook = new Thread(this::stopAll, "demo-smbd-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        while (!listening()) {
            if (!smbd.isAlive()) throw new IOException("demo smbd exited with status " + smbd.exitValue() + " before it listened; see " + dir.resolve("log"));
            if (System.currentTimeMillis() > deadline) throw new IOException("demo smbd did not listen on 127.0.0.1:" + port + " within 30 s; see " + dir.resolve("log"));
            sleep(100);
        }
    }

    /** 127.0.0.1:port (0100007F:hex) in state LISTEN (0A) in smbd's own view of the network. */
    private boolean listening() {
        String local = String.format("0100007F:%04X", port);
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(smbd.pid()), "net", "tcp"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 3 && f[1].equals(local) && f[3].equals("0A")) return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** {@code smb://root@127.0.0.1:PORT/C$}: what {@code --target} or {@code client(...)} takes for this server. */
    public String target() {
        return "smb://" + USER + "@127.0.0.1:" + port + "/" + SHARE;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return smbd.pid();
    }

    /** The folder smbd serves as {@code C$}. */
    public Path shareDir() {
        return dir.resolve("share");
    }

    /** The credentials file (smbclient -A format, mode 600) for this server's user. */
    public Path credentialsFile() {
        return credentials;
    }

    // ---- what Samba's own tools say

    /** {@code sha256sum -c SHA256SUMS} in the served folder {@code folder} (a path in the share, \ or /). */
    public String sha256sumCheck(String folder) throws IOException {
        Path served = served(folder);
        return run(List.of("sha256sum", "-c", "--strict", "SHA256SUMS"), served.toFile()).strip();
    }

    /** The NT ACL smbd's own VFS (acl_xattr) serves for {@code path}, as SDDL: {@code samba-tool ntacl get --use-s3fs}. */
    public String ntacl(String path) throws IOException {
        return run(List.of("samba-tool", "ntacl", "get", "--as-sddl", "--use-s3fs", "--service=" + SHARE, "-s", config.toString(),
                served(path).toString()), null).strip();
    }

    /** The DOS attributes smbd reports for {@code path}: the {@code attributes:} line of {@code smbclient allinfo}. */
    public String attributes(String path) throws IOException {
        String info = run(List.of("smbclient", "//127.0.0.1/" + SHARE, "-p", Integer.toString(port), "-s", config.toString(),
                "-A", credentials.toString(), "-c", "allinfo \"" + path.replace('/', '\\') + "\""), null);
        return info.lines().filter(l -> l.startsWith("attributes:")).findFirst().orElse(info.strip());
    }

    /** {@code net rpc registry getvalue KEY NAME} against this server's winreg. */
    public String registryValue(String key, String name) throws IOException {
        return run(List.of("net", "-s", config.toString(), "-p", Integer.toString(port), "rpc", "registry", "getvalue", key, name,
                "-S", "127.0.0.1", "-A", credentials.toString()), null).strip();
    }

    private Path served(String path) {
        Path p = shareDir();
        for (String name : path.split("[\\\\/]+")) {
            if (!name.isEmpty()) p = p.resolve(name);
        }
        if (!p.normalize().startsWith(shareDir())) throw new BadInputException(path + " is not a path inside the demo share");
        return p;
    }

    // ---- stopping

    /** Stops smbd and its samba-dcerpcd, by PID, and waits for them. Safe to call twice. */
    @Override
    public void close() {
        stopAll();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (or ran) stopAll itself
            }
            shutdownHook = null;
        }
    }

    private synchronized void stopAll() {
        if (smbd != null) stop(smbd.toHandle());
        Path dcerpcd = dir.resolve("pid").resolve("samba-dcerpcd.pid");
        try {
            if (Files.exists(dcerpcd)) {
                long pid = Long.parseLong(Files.readString(dcerpcd).strip());
                // only a samba-dcerpcd serving THIS configuration: a stale pid file must never hit another process
                ProcessHandle.of(pid).filter(h -> commandLine(pid).contains(config.toString())).ifPresent(DemoSmbd::stop);
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to stop
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

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    // ---- running tools

    private String run(List<String> command) throws IOException {
        return run(command, null);
    }

    private String run(List<String> command, File workDir) throws IOException {
        return exec(command, workDir, null);
    }

    private void runWithInput(List<String> command, String input) throws IOException {
        exec(command, null, input);
    }

    /** Runs a tool; its output (stdout and stderr together), or an IOException naming the tool and its last line. */
    private static String exec(List<String> command, File workDir, String input) throws IOException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) pb.directory(workDir);
        if (input == null) pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (input != null) {
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted");
        }
        if (p.exitValue() != 0) {
            String last = out.strip().lines().reduce((a, b) -> b).orElse("");
            throw new IOException(command.get(0) + " exited with status " + p.exitValue() + ": " + last);
        }
        return out;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
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
