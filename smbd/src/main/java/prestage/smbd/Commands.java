package prestage.smbd;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Samba's tools run to completion: smbpasswd, net, smbclient, samba-tool, sha256sum. */
public final class Commands {
    private Commands() {
    }

    /** How a command ended: its exit status and both outputs. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Where {@code tool} is on PATH, /usr/sbin or /sbin; null when it is not installed. */
    public static String which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return Path.of(d, tool).toString();
        }
        return null;
    }

    /**
     * Runs a command to completion (at most two minutes) and returns its standard output; a non-zero exit status
     * is an IOException carrying both outputs.
     */
    public static String run(List<String> command, String stdin) throws IOException {
        return run(command, stdin, null);
    }

    /** As {@link #run(List, String)}, in the folder {@code workDir} (null: this process's). */
    public static String run(List<String> command, String stdin, Path workDir) throws IOException {
        Result r = exec(command, stdin, workDir);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with status " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
        }
        return r.stdout();
    }

    public static Result exec(List<String> command, String stdin) throws IOException {
        return exec(command, stdin, null);
    }

    /** Runs a command to completion (at most two minutes), whatever its exit status. Output goes through files, so a chatty tool cannot block. */
    public static Result exec(List<String> command, String stdin, Path workDir) throws IOException {
        Path out = Files.createTempFile("prestage-tool", ".out");
        Path err = Files.createTempFile("prestage-tool", ".err");
        try {
            var pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workDir != null) pb.directory(workDir.toFile());
            Process p = pb.start();
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
}
