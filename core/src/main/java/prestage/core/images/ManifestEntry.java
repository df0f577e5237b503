package prestage.core.images;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One file of the manifest: its name and SHA-256 (the {@code SHA256SUMS} line) and, when push wrote it,
 * the details kept in the sidecar.
 */
record ManifestEntry(String name, String sha256, Optional<Details> details) {

    /**
     * @param modified    the file's modification time (push gives it the source's)
     * @param checkpoints checkpoint k is the SHA-256 of the file's first {@code (k + 1) * chunkSize} bytes (the last
     *                    one, of the whole file, equals the entry's hash)
     * @param chunks      chunk k's own SHA-256 (bytes {@code k * chunkSize} to the next boundary); empty in sidecars
     *                    written before push recorded them
     * @param source   where the file came from, for push's quick "unchanged since" check
     */
    record Details(long size, Instant modified, long chunkSize, List<String> checkpoints, List<String> chunks, Optional<SourceStamp> source) {
        Details {
            checkpoints = List.copyOf(checkpoints);
            chunks = List.copyOf(chunks);
        }

        Details(long size, Instant modified, long chunkSize, List<String> checkpoints, Optional<SourceStamp> source) {
            this(size, modified, chunkSize, checkpoints, List.of(), source);
        }

        /** Whether verify can check the file chunk by chunk. */
        boolean hasChunks() {
            return !chunks.isEmpty() && chunks.size() == chunkCount(size, chunkSize);
        }

        static long chunkCount(long size, long chunkSize) {
            return (size + chunkSize - 1) / chunkSize;
        }
    }

    /** The source file as push last read it: same size and time means push need not read it again. */
    record SourceStamp(String path, long size, Instant modified) {
    }

    ManifestEntry {
        details = details == null ? Optional.empty() : details;
    }

    static ManifestEntry plain(String name, String sha256) {
        return new ManifestEntry(name, sha256, Optional.empty());
    }
}
