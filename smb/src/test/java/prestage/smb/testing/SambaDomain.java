package prestage.smb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import prestage.core.testing.Smbd;

/**
 * A Kerberos-only Active Directory domain for tests: a Samba AD DC provisioned at test time (about 6-10 s), running as
 * root in network, mount and PID namespaces of its own (FACTS 10), so it can use the standard ports (53, 88, 445, ...)
 * next to other tests' servers and reach nothing outside. Inside, {@code lo} is up with {@value #ADDRESS} on it,
 * {@code /etc/hosts} names it {@value #HOST} (and {@value #ALIAS}, a name the domain has no service for), and
 * {@code /run/samba} is a private tmpfs (smbd finds winbindd through a socket there, a path compiled into Samba's
 * client library). The domain is {@value #REALM}; {@code ntlm auth = disabled} and {@code server signing = mandatory}
 * are in [global], so only signed Kerberos sessions get in. Shares: {@value #C_SHARE} plays a client's {@code C$}
 * ({@code vfs objects = acl_xattr}, NT ACLs in {@code security.NTACL}), {@value #ENCRYPTED_SHARE} also requires
 * encryption ({@code smb encrypt = required}), {@value #FLEET_SHARE} is the fleet test's, {@value #UNTOUCHED_SHARE} is
 * for runs that must change nothing, {@value #WINDOWS_SHARE} is the drive of a Windows client whose service manager and
 * registry a {@code WindowsClientFixture} plays behind this DC's smbd. The RPC services Samba's AD code does not serve
 * (winreg, svcctl, ...) come from a samba-dcerpcd started standalone ({@code rpc start on demand helpers = no}).
 * <p>
 * Anything that must reach the DC runs inside the namespaces through {@link #run}: the JVM under test, kinit, the
 * judges (smbcacls, smbclient, net rpc, samba-tool). Stopping: the namespaces' first process is a {@code cat} reading a
 * pipe from this JVM; {@link #close()} closes the pipe (as the JVM's death would), that process ends, and the kernel
 * ends every process of the PID namespace with it (samba and all its children).
 * <p>
 * Provisioning costs 10-40 s of the shared CPU, so the test classes of one JVM share one domain ({@link #shared()}),
 * each on its own share or folder; a test that needs a domain configured otherwise starts its own ({@link #start}).
 */
public final class SambaDomain implements AutoCloseable {
    public static final String ADDRESS = "10.53.0.1";
    public static final String HOST = "dc.prestage.test";
    public static final String ALIAS = "files.prestage.test";
    public static final String REALM = "PRESTAGE.TEST";
    public static final String DOMAIN = "PRESTAGE";
    public static final String ADMIN = "administrator@" + REALM;
    /** Test-only password of a throw-away domain; tests assert it never appears in what prestage prints. */
    public static final String ADMIN_PASSWORD = "Kerb-Test.pw1";
    public static final String C_SHARE = "C$";
    public static final String ENCRYPTED_SHARE = "E$";
    public static final String UNTOUCHED_SHARE = "X$";
    /** A share for the fleet test, so that it and the single-client tests each start from an empty drive. */
    public static final String FLEET_SHARE = "F$";
    /**
     * A share for a Windows client played behind the DC's smbd ({@code WindowsClientFixture.behind}): drive W:, with the
     * {@code Windows\Temp} folder msi --run needs.
     */
    public static final String WINDOWS_SHARE = "W$";
    /** Where smbd looks for a named pipe's unix socket ({@code ncalrpc dir}/np), inside the domain's mount namespace. */
    public static final String NCALRPC_DIR = "/run/samba/ncalrpc";
    private static final String SAMBA_DCERPCD = "/usr/libexec/samba/samba-dcerpcd";

    private final Path dir;
    private final Process holder;
    private final long nsPid;
    private Process samba;
    private Process dcerpcd;
    private final List<Process> relays = new ArrayList<>();

    private static SambaDomain shared;

    /**
     * The domain this JVM's tests share, started on first use and stopped when the JVM exits (or dies: the pipe that
     * holds the namespaces closes with it).
     */
    public static synchronized SambaDomain shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("prestage-domain");
            shared = start(dir);
            SambaDomain d = shared;
            // quickly: an exiting test JVM that lingers is counted as a failed fork
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                d.stop(5);
                deleteTree(dir);
            }));
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary folder left behind is not worth failing a test run over
        }
    }

    private SambaDomain(Path dir, Process holder, long nsPid) {
        this.dir = dir;
        this.holder = holder;
        this.nsPid = nsPid;
    }

    /** Provisions and starts the domain under {@code dir}; returns once the KDC issues tickets. */
    public static SambaDomain start(Path dir) throws IOException, InterruptedException {
        for (String tool : List.of("samba", "samba-tool", "kinit", "smbclient", "smbcacls", "unshare", "nsenter", "ip")) {
            Smbd.requireToolFor(tool, "samba-ad-dc, samba-ad-provision, krb5-user, smbclient, util-linux, iproute2");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n" + ADDRESS + " " + HOST + " dc " + ALIAS + "\n");
        Files.writeString(dir.resolve("resolv.conf"), "nameserver " + ADDRESS + "\n");
        Files.writeString(dir.resolve("krb5.conf"), krb5Conf(ADDRESS));
        for (String share : List.of("c", "e", "f", "x", "w/Windows/Temp", "log")) Files.createDirectories(dir.resolve(share));
        String setup = "set -e; ip link set lo up; ip addr add " + ADDRESS + "/32 dev lo; "
                + "mount --bind " + dir.resolve("hosts") + " /etc/hosts; mount --bind " + dir.resolve("resolv.conf") + " /etc/resolv.conf; "
                + "mkdir -p /run/samba; mount -t tmpfs tmpfs /run/samba; echo ready; exec cat >/dev/null";
        Process holder = new ProcessBuilder("unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "sh", "-c", setup)
                .redirectErrorStream(true).start();
        SambaDomain domain = null;
        try {
            String line = new String(readLine(holder.getInputStream()), StandardCharsets.UTF_8);
            if (!line.equals("ready")) throw new IllegalStateException("namespace setup failed: " + line + new String(holder.getInputStream().readNBytes(4000)));
            long nsPid = holder.toHandle().children().findFirst().orElseThrow(() -> new IllegalStateException("unshare has no child")).pid();
            domain = new SambaDomain(dir, holder, nsPid);
            long t0 = System.nanoTime();
            domain.provision();
            long t1 = System.nanoTime();
            domain.startSamba();
            // in the test's output file: what the domain costs a run, on this machine, today
            System.err.printf("SambaDomain: provisioned in %.1f s, tickets after another %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            return domain;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (domain != null) domain.close();
            else holder.destroyForcibly();
            throw e;
        }
    }

    /** A krb5.conf for the realm with its KDC at {@code kdc} (an address, or address:port); TCP, so a dead KDC fails fast. */
    public static String krb5Conf(String kdc) {
        return "[libdefaults]\n\tdefault_realm = " + REALM + "\n\tdns_lookup_kdc = false\n\tdns_lookup_realm = false\n"
                + "\tudp_preference_limit = 1\n\tforwardable = true\n\tkdc_timeout = 3000\n\tmax_retries = 1\n"
                + "[realms]\n\t" + REALM + " = {\n\t\tkdc = " + kdc + "\n\t}\n"
                + "[domain_realm]\n\t.prestage.test = " + REALM + "\n\tprestage.test = " + REALM + "\n";
    }

    private static byte[] readLine(InputStream in) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) out.write(b);
        return out.toByteArray();
    }

    private void provision() throws IOException, InterruptedException {
        Result r = run(List.of("samba-tool", "domain", "provision", "--targetdir=" + dir.resolve("dc"), "--realm=" + REALM, "--domain=" + DOMAIN,
                "--server-role=dc", "--dns-backend=SAMBA_INTERNAL", "--adminpass=" + ADMIN_PASSWORD, "--host-name=dc", "--host-ip=" + ADDRESS,
                "--option=interfaces = " + ADDRESS, "--option=bind interfaces only = yes"), Map.of(), 180);
        r.requireSuccess("samba-tool domain provision");
        Path conf = smbConf();
        String s = Files.readString(conf);
        // provision's --option does not keep these (FACTS 10), and its log file is a shared path
        // rpc start on demand helpers = no: samba-dcerpcd runs standalone (startSamba), and smbd never starts one of its own
        // when a pipe's socket is missing, so a WindowsClientFixture can put its svcctl and winreg in their place
        s = s.replace("[global]\n", "[global]\n\tntlm auth = disabled\n\tserver signing = mandatory\n\tlog level = 1\n"
                + "\tntp signd socket directory = " + dir.resolve("ntp_signd") + "\n"
                + "\trpc start on demand helpers = no\n\tncalrpc dir = " + NCALRPC_DIR + "\n");
        s = s.replaceAll("(?m)^\\s*log file = .*$", "\tlog file = " + dir.resolve("log") + "/log.%m");
        s += share(C_SHARE, dir.resolve("c"), "") + share(ENCRYPTED_SHARE, dir.resolve("e"), "\tsmb encrypt = required\n")
                + share(FLEET_SHARE, dir.resolve("f"), "") + share(UNTOUCHED_SHARE, dir.resolve("x"), "")
                + share(WINDOWS_SHARE, dir.resolve("w"), "");
        Files.writeString(conf, s);
    }

    private static String share(String name, Path path, String extra) {
        return "\n[" + name + "]\n\tpath = " + path + "\n\tread only = no\n\tvfs objects = dfs_samba4 acl_xattr\n" + extra;
    }

    private void startSamba() throws IOException, InterruptedException {
        var pb = new ProcessBuilder(nsenter(List.of("samba", "-s", smbConf().toString(), "-i")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log/samba.out").toFile());
        pb.environment().put("KRB5_CONFIG", krb5Conf().toString());
        samba = pb.start();
        // the RPC services the AD DC's samba does not serve itself (winreg, svcctl, srvsvc, ...): samba-dcerpcd, standalone
        // as its manual page says for "rpc start on demand helpers = no"; --libexec-rpcds: all of Debian's rpcd_* helpers
        if (!Files.isExecutable(Path.of(SAMBA_DCERPCD))) throw new IllegalStateException(SAMBA_DCERPCD + " is missing (apt-get install samba)");
        dcerpcd = new ProcessBuilder(nsenter(List.of(SAMBA_DCERPCD, "-s", smbConf().toString(), "-F", "--no-process-group", "--libexec-rpcds")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log/samba-dcerpcd.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Result last = null;
        while (System.nanoTime() < deadline) {
            if (!samba.isAlive()) throw new IllegalStateException("samba ended at start: " + Files.readString(dir.resolve("log/samba.out")));
            last = kinit(ADMIN, ADMIN_PASSWORD, adminTicketCache(), null);
            if (last.exit() == 0 && run(List.of("test", "-S", NCALRPC_DIR + "/np/winreg"), Map.of(), 10).exit() == 0) {
                exportKeytab(ADMIN, adminKeytab());
                return;
            }
            if (!dcerpcd.isAlive()) throw new IllegalStateException("samba-dcerpcd ended at start: " + Files.readString(dir.resolve("log/samba-dcerpcd.out")));
            Thread.sleep(300);
        }
        throw new IllegalStateException("the KDC gave no ticket within 60 s: " + (last == null ? "" : last.err()));
    }

    /** {@code nsenter} into this domain's namespaces, then {@code command}. */
    public List<String> nsenter(List<String> command) {
        var cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(nsPid), "--net", "--mount", "--pid", "--"));
        cmd.addAll(command);
        return cmd;
    }

    /** What a command printed and its exit status. */
    public record Result(int exit, String out, String err) {
        public Result requireSuccess(String what) {
            if (exit != 0) throw new IllegalStateException(what + " failed (exit " + exit + "): " + out + err);
            return this;
        }
    }

    /**
     * Runs {@code command} inside the namespaces, with {@code KRB5_CONFIG} set to this domain's krb5.conf and
     * {@code environment} added (a null value removes a variable); ends it after {@code timeoutSeconds}.
     */
    public Result run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(nsenter(command));
        pb.environment().put("KRB5_CONFIG", krb5Conf().toString());
        pb.environment().remove("KRB5CCNAME");
        for (var e : environment.entrySet()) {
            if (e.getValue() == null) pb.environment().remove(e.getKey());
            else pb.environment().put(e.getKey(), e.getValue());
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s: " + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code kinit principal} with {@code password} on standard input, into {@code cache}; {@code lifetime} as kinit's -l, or null. */
    public Result kinit(String principal, String password, Path cache, String lifetime) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of("sh", "-c", "printf '%s\\n' \"$KINIT_PASSWORD\" | kinit -c FILE:\"$1\" " + (lifetime == null ? "" : "-l " + lifetime + " ") + "\"$2\"",
                "sh", cache.toString(), principal));
        var env = new HashMap<String, String>();
        env.put("KINIT_PASSWORD", password);
        return run(cmd, env, 30);
    }

    /** {@code samba-tool domain exportkeytab}: the keys of {@code principal} into {@code keytab}. */
    public void exportKeytab(String principal, Path keytab) throws IOException, InterruptedException {
        Files.deleteIfExists(keytab);
        run(List.of("samba-tool", "domain", "exportkeytab", keytab.toString(), "--principal=" + principal, "-s", smbConf().toString()), Map.of(), 60)
                .requireSuccess("samba-tool domain exportkeytab");
    }

    /** {@code samba-tool user ...}: add, delete, ... a domain user. */
    public Result user(String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of("samba-tool", "user"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-s", smbConf().toString()));
        return run(cmd, Map.of(), 60);
    }

    /** {@code smbcacls //HOST/share PATH --numeric}, logged on with the administrator's tickets (Kerberos: NTLM is off). */
    public String smbcacls(String share, String path) throws IOException, InterruptedException {
        return run(List.of("smbcacls", "//" + HOST + "/" + share, path, "--numeric", "--use-kerberos=required"), asAdmin(), 60)
                .requireSuccess("smbcacls").out();
    }

    /** {@code smbclient //HOST/share -c COMMAND} with the administrator's tickets. */
    public String smbclient(String share, String command) throws IOException, InterruptedException {
        return run(List.of("smbclient", "//" + HOST + "/" + share, "--use-kerberos=required", "-c", command), asAdmin(), 60)
                .requireSuccess("smbclient").out();
    }

    /** {@code net rpc ARGS -S HOST} with the administrator's tickets: the DC's winreg and service manager. */
    public String netRpc(String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of("net", "rpc"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-S", HOST, "--use-kerberos=required"));
        return run(cmd, asAdmin(), 60).requireSuccess("net rpc " + String.join(" ", args)).out();
    }

    /**
     * Samba's tools take the administrator's tickets from KRB5CCNAME (measured: with {@code --use-krb5-ccache} instead,
     * smbclient 4.17 offers SPNEGO no mechanism and fails with NT_STATUS_INVALID_PARAMETER).
     */
    private Map<String, String> asAdmin() {
        return Map.of("KRB5CCNAME", "FILE:" + adminTicketCache());
    }

    /**
     * Makes 127.0.0.1:{@code port} of this JVM's network reachable at 127.0.0.1:{@code port} inside the domain's, through a
     * unix socket (which crosses network namespaces): a client inside can then reach a server of the host's loopback.
     */
    public void reachHostPort(int port) throws IOException, InterruptedException {
        Smbd.requireToolFor("socat", "socat");
        Path socket = dir.resolve("relay-" + port + ".sock");
        Files.deleteIfExists(socket);
        relays.add(new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        relays.add(new ProcessBuilder(nsenter(List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + socket)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) || run(List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port), Map.of(), 10).exit() != 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("relay to port " + port + " did not come up");
            Thread.sleep(100);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path smbConf() {
        return dir.resolve("dc/etc/smb.conf");
    }

    /** The krb5.conf that kinit (KRB5_CONFIG) and prestage (through KRB5_CONFIG too) read. */
    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    /** The administrator's tickets (kinit at start). */
    public Path adminTicketCache() {
        return dir.resolve("admin.cc");
    }

    /** The administrator's keys ({@code samba-tool domain exportkeytab} at start). */
    public Path adminKeytab() {
        return dir.resolve("admin.keytab");
    }

    /** The folder a share serves: {@code X$} serves folder {@code x}. */
    public Path shareDir(String share) {
        return dir.resolve(share.substring(0, 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code \\HOST\share}, the target prestage is given. */
    public static String unc(String share) {
        return "\\\\" + HOST + "\\" + share;
    }

    @Override
    public void close() {
        stop(20);
    }

    /**
     * Closes the pipe the namespaces' first process reads, so it ends and the kernel ends every process in them; waits
     * at most {@code seconds}, then kills unshare, whose {@code --kill-child} takes that first process with it.
     */
    private void stop(int seconds) {
        for (Process relay : relays) relay.destroyForcibly();
        try {
            OutputStream pipe = holder.getOutputStream();
            pipe.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!holder.waitFor(seconds, TimeUnit.SECONDS)) holder.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            if (samba != null && !samba.waitFor(2, TimeUnit.SECONDS)) samba.destroyForcibly();
            if (dcerpcd != null && !dcerpcd.waitFor(2, TimeUnit.SECONDS)) dcerpcd.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            holder.destroyForcibly();
        }
    }
}
