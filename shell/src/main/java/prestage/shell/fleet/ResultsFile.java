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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import prestage.core.BadInputException;

/**
 * {@code --results FILE}: the fleet run's JSON document, kept on disk while the run goes. It is written before the
 * first client starts (every client pending), again as each client starts and finishes, and a last time with the
 * exit status. Each write goes to a temporary file in the same folder, is forced to the disk, and renamed over FILE:
 * a run that is killed at any moment (kill -9, a power cut) leaves the previous whole document, never half of one,
 * and {@code --retry-failed FILE} reruns the clients it does not mark finished (the failed, the running, the pending).
 */
public final class ResultsFile implements FleetRun.Listener {
    private final Path file;
    private final String recipe;
    private final boolean whatIf;
    private final int forks;
    private final List<FleetMember> members;
    private final Set<FleetMember> started = new HashSet<>();
    private final Map<FleetMember, ClientResult> finished = new HashMap<>();
    private IOException failed;

    private ResultsFile(Path file, String recipe, boolean whatIf, int forks, List<FleetMember> members) {
        this.file = file.toAbsolutePath();
        this.recipe = recipe;
        this.whatIf = whatIf;
        this.forks = forks;
        this.members = List.copyOf(members);
    }

    /** Writes the first document (every client pending); a file that cannot be written is bad input, before any client is touched. */
    public static ResultsFile create(Path file, String recipe, boolean whatIf, int forks, List<FleetMember> members) {
        var results = new ResultsFile(file, recipe, whatIf, forks, members);
        try {
            results.write(results.inProgress());
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no folder " + results.file.getParent()
                    : e instanceof AccessDeniedException ? "permission denied in " + results.file.getParent() : e.getMessage();
            throw new BadInputException("--results " + file + ": cannot write it (" + why + "); give a file in a folder you can write");
        }
        return results;
    }

    @Override
    public synchronized void started(FleetMember member) {
        started.add(member);
        rewrite();
    }

    @Override
    public synchronized void finished(ClientResult result) {
        finished.put(result.member(), result);
        rewrite();
    }

    /** The run's last document: the same one {@code --json} prints. */
    public synchronized void complete(String document) {
        try {
            write(document);
        } catch (IOException e) {
            if (failed == null) failed = e;
        }
    }

    /** The first write that failed after the run started (the run goes on without it), or null. */
    public synchronized IOException failure() {
        return failed;
    }

    public Path file() {
        return file;
    }

    private void rewrite() {
        try {
            write(inProgress());
        } catch (IOException e) {
            if (failed == null) failed = e;
        }
    }

    private String inProgress() {
        return FleetReport.inProgress(recipe, whatIf, forks, members, started, finished);
    }

    private void write(String document) throws IOException {
        Path dir = file.getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap((document + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                // on the disk before the rename makes it the document: a crash never leaves a named, empty file
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
