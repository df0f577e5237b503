package prestage.smb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The test Windows client ({@code windows_client.py}, under src/test/resources): impacket's SMB server with a C$ share,
 * a service manager and a remote registry whose requests impacket's own NDR code decodes. Started with
 * /usr/bin/python3 (Debian's python3-impacket) on an ephemeral 127.0.0.1 port, stopped by PID.
 * <p>
 * {@link #calls()} are the RPC calls it received, in order, as impacket decoded them; {@link #services()} its service
 * table now; {@link #registry()} its HKLM.
 * <p>
 * {@link #behind} plays the same service manager and registry behind a {@link SambaDomain}'s own smbd instead (Kerberos,
 * SMB 3.1.1, signing): the fixture runs inside the domain's namespaces and listens where that smbd looks for the
 * {@code svcctl} and {@code winreg} pipes; C$ is the domain's {@value SambaDomain#WINDOWS_SHARE} share (drive W:).
 */
public final class WindowsClientFixture implements AutoCloseable {
    public static final String USER = "Administrator";
    public static final String PASSWORD = "Fixture-Pw-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path root;
    private final Path state;
    private final Path stderr;
    private final int port;
    private final SambaDomain domain;

    private WindowsClientFixture(Process process, Path root, Path state, Path stderr, int port, SambaDomain domain) {
        this.process = process;
        this.root = root;
        this.state = state;
        this.stderr = stderr;
        this.port = port;
        this.domain = domain;
    }

    /** The options: {@code remoteRegistry} is disabled, manual or running; {@code extra} more fixture flags. */
    public static WindowsClientFixture start(Path dir, String remoteRegistry, String... extra) throws IOException {
        requireImpacket();
        Path root = Files.createDirectories(dir.resolve("C"));
        Files.createDirectories(root.resolve("Windows/Temp"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path script = copy("windows_client.py", dir);
        Path msiexec = copy("msiexec.py", dir);
        Path stderr = dir.resolve("fixture.stderr");
        var cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--root", root.toString(), "--state", state.toString(),
                "--user", USER, "--password", PASSWORD, "--remote-registry", remoteRegistry, "--msiexec", msiexec.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        try {
            var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException("the test Windows client did not start: " + Files.readString(stderr));
            }
            return new WindowsClientFixture(p, root, state, stderr, Integer.parseInt(line.substring(5).trim()), null);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /**
     * The service manager and registry behind {@code domain}'s smbd, the client's drive its
     * {@value SambaDomain#WINDOWS_SHARE} share; {@code remoteRegistry} as for {@link #start}. Before it returns, Samba's
     * own client ({@code net rpc service status}) has gone through smbd to it once, so a Samba whose named-pipe handshake
     * the fixture does not speak fails here, with the fixture's one line; that probe's calls are not in {@link #calls()}.
     */
    public static WindowsClientFixture behind(SambaDomain domain, Path dir, String remoteRegistry, String... extra)
            throws IOException, InterruptedException {
        requireImpacket();
        Path root = domain.shareDir(SambaDomain.WINDOWS_SHARE);
        Files.createDirectories(root.resolve("Windows/Temp"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path script = copy("windows_client.py", dir);
        Path msiexec = copy("msiexec.py", dir);
        Path stderr = dir.resolve("fixture.stderr");
        var cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--np-dir", SambaDomain.NCALRPC_DIR + "/np", "--root", root.toString(),
                "--state", state.toString(), "--remote-registry", remoteRegistry, "--msiexec", msiexec.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(domain.nsenter(cmd)).redirectError(stderr.toFile()).start();
        var fixture = new WindowsClientFixture(p, root, state, stderr, 445, domain);
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"READY".equals(line)) throw new IOException("the test Windows client did not start: " + Files.readString(stderr));
            SambaDomain.Result probe = domain.run(List.of("net", "rpc", "service", "status", "RemoteRegistry", "-S", SambaDomain.HOST,
                    "--use-kerberos=required"), Map.of("KRB5CCNAME", "FILE:" + domain.adminTicketCache()), 60);
            Path handshake = state.resolve("np-handshake-error");
            if (Files.exists(handshake)) throw new IllegalStateException(Files.readAllLines(handshake).get(0));
            probe.requireSuccess("net rpc service status RemoteRegistry through " + SambaDomain.HOST + "'s smbd to the test Windows client");
            Files.deleteIfExists(state.resolve("calls.jsonl"));
            return fixture;
        } catch (IOException | InterruptedException | RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    private static void requireImpacket() {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))
                || !Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/impacket"))) {
            throw new IllegalStateException("the test Windows client needs python3-impacket (apt-get install python3-impacket msitools)");
        }
    }

    private static Path copy(String name, Path dir) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = WindowsClientFixture.class.getResourceAsStream("/prestage/smb/fixture/" + name)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        to.toFile().setExecutable(true);
        return to;
    }

    public int port() {
        return port;
    }

    /** smb://Administrator@127.0.0.1:PORT/C$ */
    public String url() {
        return "smb://" + USER + "@127.0.0.1:" + port + "/C$";
    }

    public Map<String, String> environment() {
        return Map.of("PRESTAGE_SMB_PASSWORD", PASSWORD);
    }

    /** The folder C$ serves (the client's C:). */
    public Path drive() {
        return root;
    }

    public Path state() {
        return state;
    }

    /** Queues what the next msiexec runs exit with and how long each takes ("EXIT [SECONDS]" lines). */
    public void planMsiexec(String... steps) throws IOException {
        Files.writeString(state.resolve("msiexec-plan"), String.join("\n", steps) + "\n");
    }

    public List<JsonNode> calls() throws IOException {
        return lines(state.resolve("calls.jsonl"));
    }

    /** Each msiexec run's arguments (C: paths mapped into {@link #drive()}). */
    public List<JsonNode> msiexecRuns() throws IOException {
        return lines(state.resolve("msiexec-runs.jsonl"));
    }

    public JsonNode services() throws IOException {
        return JSON.readTree(state.resolve("services.json").toFile());
    }

    public JsonNode registry() throws IOException {
        Path p = state.resolve("registry.json");
        return Files.exists(p) ? JSON.readTree(p.toFile()) : JSON.createObjectNode();
    }

    /** Preloads HKLM (before {@link #start}: the fixture reads it once). */
    public static void preloadRegistry(Path dir, String json) throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/registry.json"), json);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        var out = new ArrayList<JsonNode>();
        if (!Files.exists(file)) return out;
        for (String l : Files.readAllLines(file)) if (!l.isBlank()) out.add(JSON.readTree(l));
        return out;
    }

    public String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    /** Stops it; what it wrote to stderr goes to this JVM's stderr (the test's report), for a failure's story. */
    @Override
    public void close() throws IOException {
        String err = stderr();
        if (!err.isBlank()) System.err.println("test Windows client " + (domain == null ? "on port " + port : "behind " + SambaDomain.HOST) + " said:\n" + err);
        // behind a domain the process is nsenter, the fixture its child: SIGTERM to the fixture, which puts Samba's sockets back
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            if (domain != null) {
                // a fixture that could not put Samba's sockets back (killed): do it here, so the domain's next user has them
                String np = SambaDomain.NCALRPC_DIR + "/np";
                domain.run(List.of("sh", "-c", "for p in svcctl winreg; do if [ -S " + np + "-aside/$p ]; then mv -f " + np + "-aside/$p " + np + "/$p; fi; done"),
                        Map.of(), 10);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
