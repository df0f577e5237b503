package prestage.core.images;

import java.io.IOException;

import prestage.core.client.Client;
import prestage.core.client.ClientPath;

/**
 * Records copied files in the manifest in batches. Each copy is fsynced and renamed into place on its own; the folder is
 * fsynced and the manifest saved only when {@code interval} has passed since the last save, and at the end. A file
 * renamed but not yet recorded when the run is killed is still whole: the next push finds it under its name, not in
 * the manifest, hashes it and records it if it matches the source (it is not copied again, and not trusted unread).
 * Saving per batch rather than per file keeps a push of thousands of small files linear: one folder fsync and one
 * manifest write every few seconds instead of six fsyncs and a full rewrite per file.
 */
final class ManifestCommits {
    static final long DEFAULT_INTERVAL_NANOS = 3_000_000_000L;
    /** Told "renamed NAME" and "saved", for tests that kill a push at these commit points; a no-op otherwise. */
    static volatile java.util.function.Consumer<String> events = e -> { };

    private final Client client;
    private final ClientPath dir;
    private final Manifest manifest;
    private final long intervalNanos;
    private long lastSave = System.nanoTime();
    private int pending;

    ManifestCommits(Client client, ClientPath dir, Manifest manifest, long intervalNanos) {
        this.client = client;
        this.dir = dir;
        this.manifest = manifest;
        this.intervalNanos = intervalNanos;
    }

    /** A file now whole under its final name: recorded now, saved with its batch. */
    synchronized void settled(ManifestEntry entry) throws IOException {
        events.accept("renamed " + entry.name());
        manifest.put(entry);
        pending++;
        if (System.nanoTime() - lastSave >= intervalNanos) save();
    }

    /** Saves what is pending; the end of a run (also of a failed or interrupted one) calls it. */
    synchronized void flush() throws IOException {
        if (pending > 0) save();
    }

    /** The renames first, so the manifest never names a file a power cut could still take back. */
    private void save() throws IOException {
        client.syncFolder(dir);
        manifest.save(client, dir);
        pending = 0;
        lastSave = System.nanoTime();
        events.accept("saved");
    }
}
