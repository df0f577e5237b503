package prestage.core.images;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;
import prestage.core.outcome.Step;

/**
 * The {@code verify} verb: re-hash every file against the manifest, report missing, extra and changed files,
 * and optionally mark the intact ones read-only. Where the sidecar has a SHA-256 of each 64 MiB chunk, the chunks
 * of every file are hashed on all workers at once (see ChunkedFile for why that proves the whole hash), and the first
 * differing chunk is named. Otherwise a file is hashed end to end, read by one thread and hashed by another, and
 * where the sidecar has checkpoints (SHA-256 of each 64 MiB-aligned prefix) the read stops at the first wrong one. A
 * file listed only in {@code SHA256SUMS} (written by sha256sum, say) is hashed whole.
 */
public final class VerifyVerb {
    private static final String VERB = "verify";
    private static final int BUFFERS_PER_FILE = 4;

    private final Context ctx;
    private final int bufferSize;
    private final int workers;

    public VerifyVerb(Context ctx) {
        this(ctx, CopyTuning.DEFAULT.bufferSize(), Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
    }

    /** @param workers files hashed at once (each also has a reading thread) */
    VerifyVerb(Context ctx, int bufferSize, int workers) {
        this.ctx = ctx;
        this.bufferSize = bufferSize;
        this.workers = workers;
    }

    public Step verify(VerifyRequest request) {
        String dir = request.dir();
        boolean readOnly = request.readOnly();
        Client client = ctx.client();
        ClientPath local = client.path(dir);
        String shown = local.toString();
        List<ClientPath> planned = ctx.whatIf() ? ctx.plan().willExistIn(local) : List.of();
        if (!planned.isEmpty()) return ctx.record(VerifyWording.wouldCheck(shown, planned.stream().map(ClientPath::name).toList(), readOnly));
        var there = stat(local);
        if (there.isEmpty()) {
            throw new BadInputException("verify: " + shown + " does not exist; give the folder push copied the images to");
        }
        if (!there.get().isFolder()) {
            throw new BadInputException("verify: " + shown + " is a file, not a folder; give the folder that holds " + Manifest.SUMS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, PushVerb.daemons("prestage-verify"));
        ExecutorService stages = Executors.newCachedThreadPool(PushVerb.daemons("prestage-verify-stage"));
        // marking waits for a push into the folder to finish: a mark set on bytes another run is replacing would vouch for them
        try (var lock = readOnly && !ctx.whatIf() ? client.lock(local, ctx.lockPolicy()) : null) {
            Manifest manifest = Manifest.load(client, local);
            if (!manifest.present()) {
                throw new BadInputException("verify: " + shown + " has no " + Manifest.SUMS + "; push the images there first (push writes it)");
            }
            manifest.staleDetails().forEach(n -> ctx.warn("verify: " + Manifest.SIDECAR + " disagrees with " + Manifest.SUMS + " about " + n
                    + "; checking it against " + Manifest.SUMS + " alone"));
            var check = new Check(local, shown, manifest, pool, stages);
            try {
                return ctx.record(check.run(readOnly));
            } finally {
                check.buffers.close(); // back to the process's budget
            }
        } catch (IOException | InterruptedException | StoreBusyException e) {
            return PushVerb.stopped(ctx, e, x -> VerifyWording.stopped(shown, x));
        } finally {
            pool.shutdownNow();
            stages.shutdownNow();
        }
    }

    private java.util.Optional<FileEntry> stat(ClientPath p) {
        try {
            return ctx.client().stat(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What verify found about one listed file. */
    private static final class FileCheck {
        final ManifestEntry entry;
        final ClientPath path;
        volatile String problem; // not a file, wrong size, unreadable...
        volatile boolean missing;
        volatile boolean unreadable;
        volatile long firstBadChunk = -1;
        volatile String actualSha;

        FileCheck(ManifestEntry entry, ClientPath path) {
            this.entry = entry;
            this.path = path;
        }

        boolean intact() {
            return problem == null && !missing && firstBadChunk < 0 && entry.sha256().equals(actualSha);
        }

        VerifyResult.CheckedFile result() {
            return new VerifyResult.CheckedFile(entry, intact(), missing, unreadable, problem, firstBadChunk, actualSha);
        }
    }

    /** Stops the read of a file at its first wrong checkpoint: everything after it differs too. */
    private static final class FirstDifference extends RuntimeException {
        final long chunk;

        FirstDifference(long chunk) {
            super(null, null, false, false);
            this.chunk = chunk;
        }
    }

    private final class Check {
        private final ClientPath dir;
        private final String shown;
        private final Manifest manifest;
        private final ExecutorService pool;
        private final ExecutorService stages;
        private final BufferPool buffers;

        Check(ClientPath dir, String shown, Manifest manifest, ExecutorService pool, ExecutorService stages) {
            this.dir = dir;
            this.shown = shown;
            this.manifest = manifest;
            this.pool = pool;
            this.stages = stages;
            this.buffers = new BufferPool(bufferSize, workers * BUFFERS_PER_FILE);
        }

        Step run(boolean readOnly) throws IOException, InterruptedException {
            Map<String, FileEntry> present = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ctx.client().list(dir).forEach(e -> present.put(e.name(), e));
            var checks = new ArrayList<FileCheck>();
            var found = new java.util.HashMap<FileCheck, FileEntry>();
            Sha256.warmUpFor(present.values().stream().mapToLong(FileEntry::size).max().orElse(0));
            for (ManifestEntry e : manifest.entries()) {
                FileEntry p = present.remove(e.name());
                var check = new FileCheck(e, dir.resolve(p == null ? e.name() : p.name()));
                checks.add(check);
                if (p != null) found.put(check, p);
                if (p != null && !p.name().equals(e.name())) {
                    ctx.warn("verify: " + Manifest.SUMS + " lists " + e.name() + ", the folder holds " + p.name()
                            + "; Windows treats them as one file");
                }
            }
            var extras = new ArrayList<String>();
            for (var name : present.keySet()) {
                if (StoreFiles.isManifest(name) || name.equals(StoreLock.FILE_NAME)) continue;
                if (StoreFiles.isWorkFile(name)) {
                    ctx.warn("verify: " + name + " is left from an interrupted push of " + StoreFiles.imageOf(name)
                            + "; run push again to finish it, or delete it");
                    continue;
                }
                extras.add(name);
            }

            long started = System.nanoTime();
            long bytes = hashAll(checks, found);
            double seconds = (System.nanoTime() - started) / 1e9;

            var marked = new ArrayList<String>();
            var markFailures = new ArrayList<String>();
            if (readOnly) mark(checks, marked, markFailures);
            return report(checks, extras, marked, markFailures, readOnly, bytes, seconds);
        }

        /** Hashes the files on the pool, biggest first, and waits; returns the bytes to read. */
        private long hashAll(List<FileCheck> checks, Map<FileCheck, FileEntry> found) throws IOException, InterruptedException {
            var sizes = new LinkedHashMap<FileCheck, Long>();
            for (FileCheck c : checks) {
                FileEntry attrs = found.get(c);
                if (attrs == null) {
                    c.missing = true;
                    continue;
                }
                if (attrs.type() == FileEntry.Type.LINK) {
                    c.problem = "is a symbolic link, not a file";
                } else if (!attrs.isFile()) {
                    c.problem = attrs.isFolder() ? "is a folder, not a file" : "is not a regular file";
                } else if (c.entry.details().isPresent() && c.entry.details().get().size() != attrs.size()) {
                    c.problem = "has " + attrs.size() + " bytes, " + Manifest.SUMS + " was written for " + c.entry.details().get().size();
                } else {
                    sizes.put(c, attrs.size());
                }
            }
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();
            try (var overall = ctx.progress().start("verify " + shown, total)) {
                var futures = new ArrayList<Future<?>>();
                var bySize = sizes.entrySet().stream().sorted(Map.Entry.<FileCheck, Long>comparingByValue().reversed()).toList();
                // a file without chunk hashes is one long task: start those first, then the chunks fill in around them
                for (var e : bySize) {
                    if (hasChunks(e.getKey(), e.getValue())) continue;
                    futures.add(pool.submit(() -> {
                        hashFile(e.getKey(), e.getValue(), overall);
                        return null;
                    }));
                }
                for (var e : bySize) {
                    if (!hasChunks(e.getKey(), e.getValue())) continue;
                    var file = new ChunkedFile(e.getKey(), e.getValue(), ctx.progress().start(e.getKey().entry.name(), e.getValue()));
                    for (int k = 0; k < file.count; k++) {
                        int chunk = k;
                        futures.add(pool.submit(() -> {
                            file.check(chunk, overall);
                            return null;
                        }));
                    }
                }
                for (var f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException re) throw re;
                        if (e.getCause() instanceof Error err) throw err;
                        throw new IOException(e.getCause());
                    }
                }
            }
            return total;
        }

        private static boolean hasChunks(FileCheck c, long size) {
            return c.entry.details().map(d -> d.hasChunks() && d.size() == size).orElse(false);
        }

        /**
         * A file checked chunk by chunk on every worker. Push hashed each chunk and the whole file from the same
         * buffers, and the sidecar entry holds the very hash {@code SHA256SUMS} gives (else its details are dropped as
         * stale), so chunks that all match prove the file has that hash without hashing it end to end.
         */
        private final class ChunkedFile {
            final FileCheck check;
            final long size;
            final long chunkSize;
            final List<String> expected;
            final int count;
            final Progress.Task task;
            final java.util.concurrent.atomic.AtomicInteger left;
            final java.util.concurrent.atomic.AtomicLong firstBad = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);

            ChunkedFile(FileCheck check, long size, Progress.Task task) {
                this.check = check;
                this.size = size;
                var d = check.entry.details().orElseThrow();
                this.chunkSize = d.chunkSize();
                this.expected = d.chunks();
                this.count = expected.size();
                this.task = task;
                this.left = new java.util.concurrent.atomic.AtomicInteger(count);
            }

            void check(int chunk, Progress.Task overall) throws InterruptedException {
                long from = chunk * chunkSize;
                long to = Math.min(size, from + chunkSize);
                try {
                    // a chunk after one known to differ need not be read: the report names the first
                    if (chunk < firstBad.get() && check.problem == null) {
                        String actual = hashRange(from, to, n -> {
                            task.advance(n);
                            overall.advance(n);
                        });
                        if (!actual.equals(expected.get(chunk))) firstBad.accumulateAndGet(chunk, Math::min);
                    }
                } catch (EOFException e) {
                    check.problem = "got shorter while verify read it";
                } catch (IOException e) {
                    check.unreadable = true;
                    check.problem = "cannot be read: " + PushPlanner.describe(e);
                } finally {
                    if (left.decrementAndGet() == 0) done();
                }
            }

            private void done() {
                task.close();
                if (firstBad.get() != Long.MAX_VALUE) check.firstBadChunk = firstBad.get();
                else if (check.problem == null) check.actualSha = check.entry.sha256();
            }

            private String hashRange(long from, long to, java.util.function.LongConsumer progress) throws IOException, InterruptedException {
                var md = Sha256.newDigest();
                // a buffer of the chunk's tier: a fleet verifying 1 MiB images on 20 clients at once held 20 x 4 MiB
                try (var lease = buffers.leaseFor(to - from, 1); var in = ctx.client().openRead(check.path)) {
                    var buf = lease.buffers().get(0);
                    for (long pos = from; pos < to; ) {
                        buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
                        while (buf.hasRemaining()) {
                            if (in.read(buf, pos + buf.position()) < 0) throw new EOFException("ended at byte " + (pos + buf.position()));
                        }
                        buf.flip();
                        int n = buf.remaining();
                        md.update(buf);
                        pos += n;
                        progress.accept(n);
                    }
                }
                return Manifest.hex(md.digest());
            }
        }

        private void hashFile(FileCheck c, long size, Progress.Task overall) throws InterruptedException {
            var d = c.entry.details();
            long chunkSize = d.map(ManifestEntry.Details::chunkSize).orElse(CopyTuning.DEFAULT_CHUNK_SIZE);
            List<String> expected = d.map(ManifestEntry.Details::checkpoints).orElse(List.of());
            var whole = WholeDigest.fresh(chunkSize, (index, sha) -> {
                if (index < expected.size() && !expected.get((int) index).equals(sha)) throw new FirstDifference(index);
            });
            var tuning = new CopyTuning(bufferSize, BUFFERS_PER_FILE, chunkSize, 0);
            // a small file takes a buffer of its size, not a 4 MiB one (a fleet verifies 20 clients' files at once)
            try (var lease = buffers.leaseFor(size, tuning.buffersFor(size));
                 var task = ctx.progress().start(c.entry.name(), size);
                 var in = ctx.client().openRead(c.path)) {
                new Sha256Pipeline(tuning, stages).run(in::read, 0, size, lease.buffers(), List.of(whole), n -> {
                    task.advance(n);
                    overall.advance(n);
                });
                c.actualSha = whole.hex();
            } catch (FirstDifference e) {
                c.firstBadChunk = e.chunk;
            } catch (EOFException e) {
                c.problem = "got shorter while verify read it";
            } catch (IOException e) {
                c.unreadable = true;
                c.problem = "cannot be read: " + PushPlanner.describe(e);
            }
        }

        /** Only intact files get the mark: marking a damaged one would make it look approved. */
        private void mark(List<FileCheck> checks, List<String> marked, List<String> failures) {
            var marker = ctx.client();
            for (FileCheck c : checks) {
                if (!c.intact()) continue;
                try {
                    if (marker.isReadOnly(c.path)) continue;
                    if (!ctx.whatIf()) marker.setReadOnly(c.path, true);
                    marked.add(c.entry.name());
                } catch (IOException | RuntimeException e) {
                    failures.add(c.entry.name() + " (" + (e instanceof IOException io ? PushPlanner.describe(io) : e.getMessage()) + ")");
                }
            }
        }

        private Step report(List<FileCheck> checks, List<String> extras, List<String> marked, List<String> markFailures,
                            boolean readOnly, long bytes, double seconds) {
            var files = checks.stream().map(FileCheck::result).toList();
            return VerifyWording.step(new VerifyResult(shown, dir.resolve(Manifest.SUMS).toString(), files, extras, marked, markFailures,
                    readOnly, bytes, seconds, ctx.whatIf()));
        }
    }
}
