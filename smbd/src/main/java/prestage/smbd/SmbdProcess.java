package prestage.smbd;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A started smbd, ready once it listens on 127.0.0.1:PORT as its own network namespace sees it, with its output
 * in a log file. smbd must run WITHOUT {@code --no-process-group}: on exit it signals its whole process group, which
 * must be its own and not the JVM's. It is stopped by PID.
 */
public final class SmbdProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private SmbdProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} (smbd, or something that execs it) and waits until it listens on {@code port}; stops it when it does not. */
    public static SmbdProcess start(List<String> command, Path log, int port) throws IOException {
        var started = new SmbdProcess(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start(), log);
        try {
            started.awaitListening(port);
            return started;
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!listening(port)) {
            if (!process.isAlive()) {
                throw new IOException("smbd exited with status " + process.exitValue() + " before listening; its log:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("smbd did not listen on 127.0.0.1:" + port + " within " + READY_TIMEOUT.toSeconds() + " s; its log:\n" + logTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for smbd", e);
            }
        }
    }

    /** 127.0.0.1:port (0100007F:hex) in state LISTEN (0A), read from smbd's own view of its namespace. */
    private boolean listening(int port) {
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

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
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

    /** Stops smbd by PID and waits for it and any child it left. Safe to call twice. */
    @Override
    public void close() {
        stop(process.toHandle());
    }

    /**
     * Stops the {@code samba-dcerpcd} that an smbd of {@code config} spawned (it re-parents itself to init): by the PID
     * it wrote into that configuration's pid folder, and only when that process serves this configuration, so a stale
     * pid file never hits another process.
     */
    public static void stopDcerpcd(SmbdConfig config) {
        Path pidFile = config.dir().resolve("pid").resolve("samba-dcerpcd.pid");
        try {
            if (!Files.exists(pidFile)) return;
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).filter(h -> commandLine(pid).contains(config.file().toString())).ifPresent(SmbdProcess::stop);
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

    /** SIGTERM, then SIGKILL after 15 s, to {@code h}; then the same to each of its descendants still alive. */
    public static void stop(ProcessHandle h) {
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
}
