package prestage.core.images;

import java.util.List;

/**
 * What one verify found and did, before it is put in words ({@link VerifyWording}).
 *
 * @param dir          the folder as the client names it
 * @param manifest     its {@code SHA256SUMS}
 * @param files        every file the manifest lists, in its order
 * @param extras       files in the folder the manifest does not list
 * @param marked       intact files marked read-only by this run (or that would be, under what-if)
 * @param markFailures files that could not be marked, each with why
 * @param bytes        bytes read to check them
 */
record VerifyResult(String dir, String manifest, List<CheckedFile> files, List<String> extras, List<String> marked,
                    List<String> markFailures, boolean readOnly, long bytes, double seconds, boolean whatIf) {

    /**
     * One listed file.
     *
     * @param problem       why it could not be checked as a file (not a file, wrong size, unreadable), or null
     * @param firstBadChunk the first chunk or checkpoint that differs, or -1
     * @param actualSha     its SHA-256 when it was read whole, or null
     */
    record CheckedFile(ManifestEntry entry, boolean intact, boolean missing, boolean unreadable, String problem, long firstBadChunk,
                       String actualSha) {
    }
}
