package prestage.shell.fleet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import prestage.core.BadInputException;

/**
 * {@code --results FILE}: the fleet run's journal, one JSON object a line (JSON Lines), appended as the run goes and
 * forced to the disk, so its cost per client is constant however large the fleet:
 * <ol>
 *   <li>a header: {@code {"format": "prestage-fleet-journal/1", "recipe": ..., "recipeSha256": ..., "whatIf", "forks", "clients": N}}</li>
 *   <li>one {@code {"event": "client", name, target, registry, params}} per client, in the run's order</li>
 *   <li>{@code {"event": "started", "name"}} as a client starts, and {@code {"event": "finished", ...}} as it ends: its
 *       row (state, counts, seconds, error, exitCode, finished) and its run's document</li>
 *   <li>{@code {"event": "end", "summary", "exitCode"}} when the run ends</li>
 * </ol>
 * The header and the client lines are written to a temporary file, forced and renamed over FILE before the first client
 * starts, so FILE is never half of a first write; events are then appended by one writer thread, which writes what
 * has come meanwhile and forces it in one go (a group commit: the clients never wait for the disk). A run killed at any
 * point (kill -9, a power cut) leaves a journal whose lines up to the last whole one are true; {@code --retry-failed FILE}
 * reruns every client without a finished line that says it finished (the failed, the running, the pending).
 */
public final class ResultsFile implements FleetRun.Listener, AutoCloseable {
    public static final String FORMAT = "prestage-fleet-journal/1";

    private final Path file;
    private final FileChannel channel;
    private final List<String> queue = new ArrayList<>();
    private final Thread writer;
    private boolean closing;
    private IOException failed;

    private ResultsFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.writer = new Thread(this::writeLoop, "fleet-results");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Writes the header and the clients (every client pending); a file that cannot be written is bad input, before
     * any client is touched. Whether FILE may be written at all is {@link ResultsTarget}'s to say, before this.
     */
    public static ResultsFile create(Path file, String recipe, String recipeSha256, boolean whatIf, int forks, List<FleetMember> members) {
        Path target = file.toAbsolutePath();
        try {
            var lines = new StringBuilder();
            var head = new LinkedHashMap<String, Object>();
            head.put("format", FORMAT);
            head.put("command", "run");
            head.put("recipe", recipe);
            head.put("recipeSha256", recipeSha256);
            head.put("whatIf", whatIf);
            head.put("forks", forks);
            head.put("clients", members.size());
            lines.append(line(head));
            for (FleetMember m : members) {
                var c = new LinkedHashMap<String, Object>();
                c.put("event", "client");
                c.putAll(FleetReport.member(m));
                lines.append(line(c));
            }
            writeWhole(target, lines.toString());
            return new ResultsFile(target, FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no folder " + target.getParent()
                    : e instanceof AccessDeniedException ? "permission denied in " + target.getParent() : e.getMessage();
            throw new BadInputException("--results " + file + ": cannot write it (" + why + "); give a file in a folder you can write");
        }
    }

    @Override
    public void started(FleetMember member) {
        var e = new LinkedHashMap<String, Object>();
        e.put("event", "started");
        e.put("name", member.name());
        append(e);
    }

    @Override
    public void finished(ClientResult result) {
        var e = new LinkedHashMap<String, Object>();
        e.put("event", "finished");
        e.putAll(FleetReport.section(result));
        append(e);
    }

    /** The run's end: its summary and exit status (and the shared-read counters); then the journal is closed. */
    public void end(Map<String, ?> summary, Map<String, Object> sourceReads, int exit) {
        var e = new LinkedHashMap<String, Object>();
        e.put("event", "end");
        e.put("summary", summary);
        if (sourceReads != null) e.put("sourceReads", sourceReads);
        e.put("exitCode", exit);
        append(e);
        close();
    }

    /** The first write that failed after the run started (the run goes on without it), or null. */
    public synchronized IOException failure() {
        return failed;
    }

    public Path file() {
        return file;
    }

    private void append(Map<String, Object> event) {
        String text;
        try {
            text = line(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            if (closing) return;
            queue.add(text);
            notifyAll();
        }
    }

    /** Writes what has come since the last write, and forces it; one system call and one flush per batch. */
    private void writeLoop() {
        while (true) {
            List<String> batch;
            boolean last;
            synchronized (this) {
                while (queue.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = new ArrayList<>(queue);
                queue.clear();
                last = closing;
            }
            if (!batch.isEmpty() && failure() == null) {
                try {
                    ByteBuffer bytes = ByteBuffer.wrap(String.join("", batch).getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) channel.write(bytes);
                    channel.force(false);
                } catch (IOException e) {
                    synchronized (this) {
                        if (failed == null) failed = e;
                    }
                }
            }
            if (last) {
                synchronized (this) {
                    if (queue.isEmpty()) return;
                }
            }
        }
    }

    /** Waits for every event appended so far to be on the disk, and closes the file. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing && !writer.isAlive()) return;
            closing = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            synchronized (this) {
                if (failed == null) failed = e;
            }
        }
    }

    private static String line(Map<String, Object> event) throws JsonProcessingException {
        return RunDocuments.JSON.writeValueAsString(event) + "\n";
    }

    /** A temporary file beside FILE, forced, renamed over it: FILE is the old file or the whole new one. */
    private static void writeWhole(Path file, String text) throws IOException {
        Path dir = file.getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            try (var d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself on the disk
            } catch (IOException ignored) {
                // some file systems cannot open a folder for reading; the rename is still atomic
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
