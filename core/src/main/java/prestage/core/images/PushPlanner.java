package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import prestage.core.BadInputException;
import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;

/**
 * Decides, file by file, what push has to do, reading what it must and writing nothing. A file is left
 * alone when the manifest says push put it there from a source of the same size and time and the file still
 * has the size and time push gave it (the check rsync makes). Otherwise a file of the same size is compared
 * by hashing both sides; anything else is copied.
 */
final class PushPlanner {
    private final Client client;
    private final ClientPath dir;
    private final Manifest manifest;
    private final CopyTuning tuning;
    private final BufferPool buffers;
    private final ExecutorService threads;
    private final FileHasher hasher;
    private final Progress progress;
    private final Consumer<String> warn;
    private final Map<String, String> existing = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    PushPlanner(Client client, ClientPath dir, Manifest manifest, CopyTuning tuning, BufferPool buffers, ExecutorService threads,
                Progress progress, Consumer<String> warn) throws IOException {
        this.client = client;
        this.dir = dir;
        this.manifest = manifest;
        this.tuning = tuning;
        this.buffers = buffers;
        this.threads = threads;
        this.hasher = new FileHasher(tuning, new Sha256Pipeline(tuning, threads));
        this.progress = progress;
        this.warn = warn;
        if (client.stat(dir).map(FileEntry::isFolder).orElse(false)) {
            client.list(dir).forEach(e -> existing.put(e.name(), e.name()));
        }
    }

    /** @throws BadInputException when something that is not a file blocks the name */
    FilePlan plan(SourceFile source) throws InterruptedException {
        String present = existing.get(source.name());
        ClientPath target = dir.resolve(present != null ? present : source.name());
        if (present != null && !present.equals(source.name())) {
            warn.accept("push: " + target + " is " + source.name() + " to Windows (names ignore case); it keeps its spelling");
        }
        try {
            return decide(source, target);
        } catch (IOException e) {
            return FilePlan.failed(source, target, "cannot read " + describe(e));
        }
    }

    private FilePlan decide(SourceFile source, ClientPath target) throws IOException, InterruptedException {
        Optional<FileEntry> stat = client.stat(target);
        if (stat.isEmpty()) {
            Optional<FileEntry> part = client.stat(StoreFiles.part(dir, target.name())).filter(FileEntry::isFile);
            var claim = part.isPresent()
                    ? ChunkJournal.read(client, StoreFiles.journal(dir, target.name())) : Optional.<ChunkJournal.Claim>empty();
            if (claim.isPresent() && claim.get().describes(source.fingerprint(), tuning.chunkSize())) {
                long claimed = Math.min(part.get().size(), claim.get().checkpoints().size() * tuning.chunkSize());
                return new FilePlan(source, target, FilePlan.Action.RESUME, Math.min(claimed, source.size()), false, Optional.empty(), null);
            }
            return FilePlan.of(source, target, FilePlan.Action.COPY);
        }
        FileEntry attrs = stat.get();
        if (attrs.isFolder()) {
            throw new BadInputException("push: " + target + " is a folder; move it away so " + source.name() + " can be copied");
        }
        if (!attrs.isFile()) return replace(source, target, attrs); // a special file: renaming over it replaces the entry itself
        Optional<ManifestEntry> entry = manifest.get(target.name());
        FileFingerprint there = new FileFingerprint(attrs.size(), attrs.modified(), null, attrs.key());
        if (entry.isPresent() && recordedFrom(entry.get(), source, there)) {
            return FilePlan.of(source, target, FilePlan.Action.IN_PLACE);
        }
        if (attrs.key() != null && attrs.key().equals(source.fingerprint().key())) { // pushing a store onto itself
            var hashed = hashOne(source);
            return recorded(source, target, hashed, there);
        }
        if (there.size() != source.size()) return replace(source, target, attrs);
        var both = hashBoth(source, target);
        if (!both.source.sha256().equals(both.target)) return replace(source, target, attrs);
        return recorded(source, target, both.source, there);
    }

    /** The manifest says push copied this very source here, and the file still has the size and time push gave it. */
    private static boolean recordedFrom(ManifestEntry entry, SourceFile source, FileFingerprint there) {
        if (entry.details().isEmpty()) return false;
        var d = entry.details().get();
        return d.source().isPresent()
                && there.sameContentStamp(d.size(), d.modified())
                && source.fingerprint().sameContentStamp(d.source().get().size(), d.source().get().modified());
    }

    private FilePlan recorded(SourceFile source, ClientPath target, FileHasher.Hashed hashed, FileFingerprint there) throws IOException {
        if (!FileFingerprint.of(source.path()).sameContentStamp(source.size(), source.fingerprint().modified())) {
            return FilePlan.failed(source, target, source.path() + " changed while push compared it; run push again");
        }
        var details = new ManifestEntry.Details(there.size(), there.modified(), tuning.chunkSize(), hashed.checkpoints(), hashed.chunks(),
                Optional.of(new ManifestEntry.SourceStamp(source.path().toString(), source.size(), source.fingerprint().modified())));
        var entry = new ManifestEntry(target.name(), hashed.sha256(), Optional.of(details));
        var listed = manifest.get(entry.name());
        boolean manifestCurrent = listed.isPresent() && listed.get().equals(entry);
        return new FilePlan(source, target, manifestCurrent ? FilePlan.Action.IN_PLACE : FilePlan.Action.RECORD, 0, false,
                Optional.of(entry), null);
    }

    private FilePlan replace(SourceFile source, ClientPath target, FileEntry there) throws IOException {
        boolean readOnly = there.isFile() && client.hasAnyReadOnlyMark(target);
        return new FilePlan(source, target, FilePlan.Action.REPLACE, 0, readOnly, Optional.empty(), null);
    }

    private FileHasher.Hashed hashOne(SourceFile source) throws IOException, InterruptedException {
        try (var lease = buffers.leaseFor(source.size(), tuning.buffersFor(source.size()));
             var task = progress.start("checking " + source.name(), source.size())) {
            return hasher.hash(source.path(), source.size(), lease.buffers(), task::advance);
        }
    }

    private record Both(FileHasher.Hashed source, String target) {
    }

    /** Source and store copy hashed side by side, each with half the buffers. */
    private Both hashBoth(SourceFile source, ClientPath target) throws IOException, InterruptedException {
        try (var lease = buffers.tierFor(source.size()).lease(Math.max(2, tuning.buffersFor(source.size())));
             var task = progress.start("comparing " + source.name(), 2 * source.size())) {
            List<ByteBuffer> all = lease.buffers();
            int half = all.size() / 2;
            var theirs = threads.submit(() -> hasher.hash(client, target, source.size(), all.subList(half, all.size()), task::advance));
            FileHasher.Hashed ours;
            try {
                ours = hasher.hash(source.path(), source.size(), all.subList(0, half), task::advance);
            } finally {
                awaitQuietly(theirs); // its buffers go back to the pool when the lease closes
            }
            try {
                return new Both(ours, theirs.get().sha256());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                throw new IOException(e.getCause());
            }
        }
    }

    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return m + ": permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return m + ": no such file";
        return m == null ? "an input/output error with no reason given" : m;
    }
}
