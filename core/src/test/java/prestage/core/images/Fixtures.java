package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Outcome;
import prestage.core.client.open.Clients;

/** Files, contexts and outside tools shared by the image tests. */
public final class Fixtures {
    /** Small chunks so that files of a few MiB have several; a buffer that does not divide the chunk, to exercise block cutting. */
    public static final CopyTuning SMALL = new CopyTuning(48 << 10, 4, 256 << 10, 0);

    private Fixtures() {
    }

    public static Path randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        var random = new Random(seed);
        byte[] buf = new byte[64 << 10];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** A plain-folder target whose C:\ is {@code drive}. */
    public static Context context(Path drive, boolean whatIf, Progress progress) {
        return new Context(Clients.open(drive.toString(), null), new Outcome(whatIf), progress);
    }

    public static Context context(Path drive) {
        return context(drive, false, Progress.NONE);
    }

    public static PushVerb push(Context ctx) {
        return new PushVerb(ctx, SMALL);
    }

    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exit, String out) {
    }

    /** Runs an outside tool; a missing tool fails the test with what to install. */
    public static Result run(Path cwd, String... command) throws IOException, InterruptedException {
        requireTool(command[0]);
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) pb.directory(cwd.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), out);
    }

    public static Result runOk(Path cwd, String... command) throws IOException, InterruptedException {
        Result r = run(cwd, command);
        assertEquals(0, r.exit(), String.join(" ", command) + " failed:\n" + r.out());
        return r;
    }

    public static void requireTool(String tool) {
        if (tool.contains("/")) return;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) return;
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(dir, tool))) return;
        }
        fail("this test needs '" + tool + "', which is not installed (not on PATH); install it (Debian: apt-get install "
                + switch (tool) {
                    case "ntfs-3g", "mkntfs" -> "ntfs-3g";
                    case "getfattr", "setfattr" -> "attr";
                    case "setpriv", "mount", "umount" -> "util-linux / mount";
                    default -> "coreutils";
                } + ")");
    }

    /** Name -> size, time and hash of every entry: equal snapshots mean nothing in the folder changed. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        var out = new TreeMap<String, String>();
        if (!Files.exists(dir)) return out;
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                var a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                out.put(p.getFileName().toString(), a.size() + " " + a.lastModifiedTime() + " "
                        + (a.isRegularFile() ? sha256(p) : a.isDirectory() ? "dir" : "other"));
            }
        }
        return out;
    }

    public static List<String> names(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (var list = Files.list(dir)) {
            return new ArrayList<>(list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
