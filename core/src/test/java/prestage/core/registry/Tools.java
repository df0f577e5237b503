package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the outside judges (hivexget, hivexsh, hivexregedit, hivexml). A missing tool fails the test with the
 * package to install: these tests exist to be judged by them, so skipping would hide that nothing was checked.
 */
public final class Tools {
    private static final Map<String, String> PACKAGES = Map.of(
            "hivexget", "libhivex-bin", "hivexsh", "libhivex-bin", "hivexml", "libhivex-bin",
            "hivexregedit", "libwin-hivex-perl");

    public record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Tools() {
    }

    public static Result run(byte[] stdin, String... command) throws IOException, InterruptedException {
        require(command[0]);
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        if (stdin != null) p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        var err = new byte[1][];
        Thread drain = new Thread(() -> {
            try {
                err[0] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        });
        drain.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        drain.join();
        return new Result(p.exitValue(), out, new String(err[0], StandardCharsets.UTF_8));
    }

    /** Runs the command and insists it succeeds. */
    public static Result ok(String... command) throws IOException, InterruptedException {
        return okWithInput(null, command);
    }

    public static Result okWithInput(String stdin, String... command) throws IOException, InterruptedException {
        Result r = run(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed: " + r.stderr());
        return r;
    }

    /** {@code hivexget HIVE KEY NAME}, its output without the final newline. */
    public static String hivexget(Path hive, String key, String name) throws IOException, InterruptedException {
        String out = ok("hivexget", hive.toString(), key, name).out();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** {@code hivexregedit --export} of the whole hive with the SOFTWARE prefix, as lines. */
    public static List<String> export(Path hive) throws IOException, InterruptedException {
        return List.of(ok("hivexregedit", "--export", "--prefix", "HKEY_LOCAL_MACHINE\\SOFTWARE", hive.toString(), "\\")
                .out().split("\n"));
    }

    /** Feeds hivexsh a script in write mode, ending with commit. */
    public static void hivexsh(Path hive, String... lines) throws IOException, InterruptedException {
        var script = new ArrayList<>(List.of(lines));
        script.add("commit");
        Result r = okWithInput(String.join("\n", script) + "\n", "hivexsh", "-w", hive.toString());
        if (!r.stderr().isBlank()) fail("hivexsh complained: " + r.stderr());
    }

    private static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) return;
        }
        String pkg = PACKAGES.get(tool);
        fail(tool + " is not installed but this test is judged by it: install " + (pkg == null ? tool : "the Debian package " + pkg)
                + " (apt-get install " + (pkg == null ? tool : pkg) + ")");
    }
}
