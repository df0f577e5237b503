package prestage.core.images;

import prestage.core.OptionWords;
import java.util.List;

import prestage.core.BadInputException;
import prestage.core.client.Client;

/**
 * @param includes globs matched case-insensitively against file names in source folders; empty means the
 *                 profile's ({@code *.ckm}, {@code *.index}). Files named one by one are pushed whatever their name.
 * @param jobs     files copied at once; 0 picks a default for the machine ({@link #defaultJobs()})
 * @param force    replace files that are marked read-only
 */
public record PushOptions(List<String> includes, int jobs, boolean force) {
    public static final PushOptions DEFAULTS = new PushOptions(List.of(), 0, false);

    public PushOptions {
        includes = includes == null ? List.of() : List.copyOf(includes);
        if (jobs < 0) throw new BadInputException(OptionWords.given("jobs", String.valueOf(jobs)) + ": give how many files to copy at once, 1 or more (0 picks for this machine)");
    }

    /**
     * Half the cores, at least 2 and at most 4: a file keeps about one core busy hashing while the kernel copies
     * and the disk writes; two at once let the small index files go beside a big image, and beyond a few streams
     * a disk only seeks more.
     */
    public static int defaultJobs() {
        return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    /**
     * Whether push hashes each chunk of a file beside the whole file, for {@code client} (the per-client switch the
     * push pipeline reads). Chunk hashes let a later verify hash one file on every core at once: that pays where
     * reading outpaces one core's hashing (a local disk, an ntfs-3g volume), and costs push a second SHA-256 pass.
     * Over SMB push saved 0.9 CPU s per GiB without them (of 5.7) and verify, bound by the network and the server,
     * paid 0.6 s more (bench/smb/RESULTS.md); push runs on every client, so such clients
     * ({@link Client#readsOutpaceHashing()} false) get none. Verify checks a file with or without them.
     * {@code -Dprestage.push.chunkHashes=always|never} overrides it (for bench/).
     */
    public static boolean chunkHashesFor(Client client) {
        String forced = System.getProperty("prestage.push.chunkHashes", "");
        if (forced.equals("always")) return true;
        if (forced.equals("never")) return false;
        return client.readsOutpaceHashing();
    }

    int effectiveJobs() {
        return jobs == 0 ? defaultJobs() : jobs;
    }
}
