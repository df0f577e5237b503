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

    private WindowsClientFixture(Process process, Path root, Path state, Path stderr, int port) {
        this.process = process;
        this.root = root;
        this.state = state;
        this.stderr = stderr;
        this.port = port;
    }

    /** The options: {@code remoteRegistry} is disabled, manual or running; {@code extra} more fixture flags. */
    public static WindowsClientFixture start(Path dir, String remoteRegistry, String... extra) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))
                || !Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/impacket"))) {
            throw new IllegalStateException("the test Windows client needs python3-impacket (apt-get install python3-impacket msitools)");
        }
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
            return new WindowsClientFixture(p, root, state, stderr, Integer.parseInt(line.substring(5).trim()));
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
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
        if (!err.isBlank()) System.err.println("test Windows client on port " + port + " said:\n" + err);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
