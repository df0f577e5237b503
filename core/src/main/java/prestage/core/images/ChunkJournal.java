package prestage.core.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import prestage.core.client.Client;
import prestage.core.client.ClientFiles;
import prestage.core.client.ClientPath;

/**
 * Beside each part file, the checkpoints (SHA-256 of each chunk-aligned prefix, see {@link WholeDigest}) of
 * what is already written, so a push that was killed can check what it wrote and go on from there. A
 * checkpoint is journaled only once its chunk is written through (O_DIRECT) or flushed. The journal is a
 * claim, never trusted: resuming re-hashes the part against it. A torn last line (a kill in mid-write) ends
 * the claim.
 *
 * <pre>
 * prestage-journal 1
 * source-size 4294967296
 * source-modified 2024-05-01T10:00:00.123456789Z
 * chunk-size 67108864
 * chunk 0 9f86d081...
 * </pre>
 */
final class ChunkJournal implements AutoCloseable {
    private static final String MAGIC = "prestage-journal 1";
    private static final Pattern CHUNK = Pattern.compile("chunk (\\d+) ([0-9a-f]{64})");

    /** What a journal claims. */
    record Claim(long sourceSize, Instant sourceModified, long chunkSize, List<String> checkpoints) {
        boolean describes(FileFingerprint source, long chunkSize) {
            return source.sameContentStamp(sourceSize, sourceModified) && this.chunkSize == chunkSize;
        }
    }

    private final Client.Appender out;
    private final long size;
    private final long chunkSize;
    private final Map<Long, String> hashed = new TreeMap<>();
    private long nextToWrite;
    private long durable;

    private ChunkJournal(Client.Appender out, long size, long chunkSize, long nextToWrite) {
        this.out = out;
        this.size = size;
        this.chunkSize = chunkSize;
        this.nextToWrite = nextToWrite;
        this.durable = Math.min(size, nextToWrite * chunkSize);
    }

    static Optional<Claim> read(Client client, ClientPath file) {
        List<String> lines;
        try {
            var bytes = ClientFiles.read(client, file, 1 << 20);
            if (bytes.isEmpty()) return Optional.empty();
            lines = new String(bytes.get(), StandardCharsets.ISO_8859_1).lines().toList();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a claim that cannot be read is no claim: the copy starts afresh
        }
        if (lines.size() < 4 || !lines.get(0).equals(MAGIC)) return Optional.empty();
        try {
            long size = Long.parseLong(value(lines.get(1), "source-size "));
            Instant modified = Instant.parse(value(lines.get(2), "source-modified "));
            long chunkSize = Long.parseLong(value(lines.get(3), "chunk-size "));
            var checkpoints = new ArrayList<String>();
            for (String line : lines.subList(4, lines.size())) {
                var m = CHUNK.matcher(line);
                if (!m.matches() || Long.parseLong(m.group(1)) != checkpoints.size()) break;
                checkpoints.add(m.group(2));
            }
            return chunkSize > 0 ? Optional.of(new Claim(size, modified, chunkSize, checkpoints)) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key)) throw new IllegalArgumentException(line);
        return line.substring(key.length());
    }

    /** Starts a journal for {@code source} that already vouches for {@code verified} (the checkpoints a resume checked). */
    static ChunkJournal start(Client client, ClientPath file, FileFingerprint source, long chunkSize, List<String> verified) throws IOException {
        var sb = new StringBuilder(MAGIC).append('\n')
                .append("source-size ").append(source.size()).append('\n')
                .append("source-modified ").append(source.modified()).append('\n')
                .append("chunk-size ").append(chunkSize).append('\n');
        for (int i = 0; i < verified.size(); i++) sb.append("chunk ").append(i).append(' ').append(verified.get(i)).append('\n');
        client.writeAtomically(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        var out = client.openAppend(file);
        return new ChunkJournal(out, source.size(), chunkSize, verified.size());
    }

    synchronized void checkpoint(long index, String sha256) throws IOException {
        hashed.put(index, sha256);
        writeReady();
    }

    synchronized void durableUpTo(long offset) throws IOException {
        durable = Math.max(durable, offset);
        writeReady();
    }

    private void writeReady() throws IOException {
        var sb = new StringBuilder();
        while (hashed.containsKey(nextToWrite) && Math.min(size, (nextToWrite + 1) * chunkSize) <= durable) {
            sb.append("chunk ").append(nextToWrite).append(' ').append(hashed.remove(nextToWrite)).append('\n');
            nextToWrite++;
        }
        // each write lands in the page cache at once, so a killed process loses nothing it reported
        if (!sb.isEmpty()) write(sb.toString());
    }

    private void write(String text) throws IOException {
        out.append(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    static void delete(Client client, ClientPath file) throws IOException {
        client.delete(file);
    }
}
