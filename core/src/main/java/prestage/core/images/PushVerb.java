package prestage.core.images;

import prestage.core.OptionWords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.verb.acl.NewFileSecurity;

/**
 * The {@code push} verb: copy and hash image files into the store, in one read pass per file, several files
 * at once; record them in the manifest.
 *
 * <p>What push guarantees: a file under its final name is whole, flushed to the disk before it got that name,
 * and exactly the bytes whose SHA-256 the manifest gives (the hashes are computed over the very buffers that
 * are written, not over a second read of the source); the source did not change while it was read (size,
 * modification and change times compared before and after). Push does not read the destination back: that is
 * {@code verify}'s job, which re-reads every file.
 */
public final class PushVerb {
    private static final String VERB = "push";
    private static final long MANIFEST_SLACK = 1 << 20;
    /**
     * Files of one block copied at once. Their copy is mostly the wait for their fsync, and concurrent fsyncs share one
     * journal commit: measured here on ext4, 3.4 ms a file one at a time, 0.4 ms with four at once. They hold no buffer
     * while they wait.
     */
    private static final int SMALL_FILE_THREADS = 16;
    /** Buffers of all files at once (4 MiB each): the copy's memory does not grow with --jobs. */
    private static final int MAX_BUFFERS = 12;

    private final Context ctx;
    private final CopyTuning tuning;

    public PushVerb(Context ctx) {
        this(ctx, CopyTuning.DEFAULT);
    }

    PushVerb(Context ctx, CopyTuning tuning) {
        this.ctx = ctx;
        this.tuning = tuning;
    }

    public Step push(PushRequest request) {
        PushOptions opts = request.options();
        List<String> sources = request.sources();
        String to = request.to();
        Client client = ctx.client();
        ClientPath dir = client.path(to);
        String shown = dir.toString();
        if (stat(dir).filter(e -> !e.isFolder()).isPresent()) {
            throw new BadInputException("push: " + OptionWords.given("to", shown) + " is a file, not a folder; give the store folder (e.g. C:\\MED-V Images\\PrestagedImages)");
        }
        var names = ImageNames.including(opts.includes().isEmpty() ? Profile.MEDV.includes() : opts.includes());
        int jobs = opts.effectiveJobs();
        ExecutorService threads = Executors.newCachedThreadPool(daemons("prestage-push-stage"));
        ExecutorService files = Executors.newFixedThreadPool(jobs, daemons("prestage-push-file"));
        ExecutorService smallFiles = Executors.newFixedThreadPool(SMALL_FILE_THREADS, daemons("prestage-push-small"));
        Run run = null;
        try {
            run = new Run(dir, shown, names, opts, jobs, threads, files, smallFiles);
            return ctx.record(run.execute(sources));
        } catch (IOException | InterruptedException | StoreBusyException e) {
            return stopped(ctx, e, x -> PushWording.stopped(shown, x));
        } finally {
            files.shutdownNow();
            smallFiles.shutdownNow();
            threads.shutdownNow();
            if (run != null) run.buffers.close(); // back to the process's budget, for the next push (a fleet's next client)
        }
    }

    private Optional<FileEntry> stat(ClientPath p) {
        try {
            return ctx.client().stat(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One invocation: the state shared by planning and copying. */
    private final class Run {
        private final Client client;
        private final ClientPath dir;
        private final String shown;
        private final ImageNames names;
        private final PushOptions opts;
        private final int jobs;
        private final ExecutorService threads;
        private final ExecutorService files;
        private final ExecutorService smallFiles;
        private final CopyTuning tuning;
        private final BufferPool buffers;

        Run(ClientPath dir, String shown, ImageNames names, PushOptions opts, int jobs, ExecutorService threads, ExecutorService files,
            ExecutorService smallFiles) {
            this.client = ctx.client();
            this.dir = dir;
            this.shown = shown;
            this.names = names;
            this.opts = opts;
            this.jobs = jobs;
            this.threads = threads;
            this.files = files;
            this.smallFiles = smallFiles;
            this.tuning = PushVerb.this.tuning.sharing(MAX_BUFFERS, jobs);
            this.buffers = new BufferPool(tuning.bufferSize(), Math.max(MAX_BUFFERS, this.tuning.buffersPerJob()));
        }

        /**
         * Everything that reads or writes the folder's images and manifest runs under its lock, so two pushes (or a push
         * and a verify --read-only) never interleave. A folder that does not exist yet is planned first without one (a
         * run refused by its plan creates nothing), then created, locked and planned again.
         */
        Step execute(List<String> sources) throws IOException, InterruptedException {
            var collected = new SourceCollector(names, ctx::warn).collect(sources);
            if (!ctx.whatIf()) Sha256.warmUpFor(collected.stream().mapToLong(SourceFile::size).max().orElse(0));
            boolean exists = stat(dir).isPresent();
            // a folder an earlier step of this what-if run would create is no change of this one
            boolean createDir = !exists && !(ctx.whatIf() && ctx.plan().willExist(dir));
            if (!exists || ctx.whatIf()) {
                Manifest manifest = exists ? Manifest.load(client, dir) : Manifest.empty();
                Step early = planned(collected, manifest, createDir, true);
                if (early != null || ctx.whatIf()) return early;
                client.makeFolders(dir); // another run making it first is fine: the lock orders the two
            }
            StoreLock lock;
            try {
                lock = client.lock(dir, ctx.lockPolicy());
            } catch (java.nio.file.AccessDeniedException e) {
                return PushWording.cannotWriteIn(shown);
            }
            try (lock) {
                try {
                    return planned(collected, Manifest.load(client, dir), createDir, false);
                } finally {
                    stopWorkers(); // the lock is let go only once nothing of this run writes any more
                }
            }
        }

        /** Stops the copies (an interrupt, Ctrl-C, reaches them here) and waits until they have. */
        private void stopWorkers() {
            files.shutdownNow();
            threads.shutdownNow();
            boolean interrupted = Thread.interrupted();
            try {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                while (!(files.isTerminated() && threads.isTerminated()) && System.nanoTime() < deadline) {
                    try {
                        files.awaitTermination(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                        threads.awaitTermination(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }

        /** @param checkOnly stop once the plan is made and checked: null when it would go ahead */
        private Step planned(List<SourceFile> collected, Manifest manifest, boolean createDir, boolean checkOnly)
                throws IOException, InterruptedException {
            manifest.staleDetails().forEach(n -> ctx.warn("push: " + Manifest.SIDECAR + " disagrees with " + Manifest.SUMS
                    + " about " + n + "; its details are ignored and rewritten"));
            if (checkOnly || !createDir) warnUnpaired(collected, manifest);

            var planner = new PushPlanner(client, dir, manifest, tuning, buffers, threads, ctx.progress(), ctx::warn);
            List<FilePlan> plans = inParallel(collected, planner::plan);
            refuseReadOnly(plans);
            Optional<String> preflight = preflight(plans);
            if (preflight.isPresent()) return PushWording.refused(shown, preflight.get());
            if (checkOnly && !ctx.whatIf()) return null;

            boolean manifestChanges = plans.stream().anyMatch(p -> p.action() == FilePlan.Action.RECORD || p.action().writesImage());
            if (ctx.whatIf()) {
                if (createDir) ctx.plan().willCreate(dir);
                plans.stream().filter(p -> p.action().writesImage()).forEach(p -> ctx.plan().willCreate(p.target()));
                return report(plans, List.of(), createDir, manifestChanges, manifest.present(), 0);
            }

            long started = System.nanoTime();
            var results = new ArrayList<FileResult>();
            for (FilePlan p : plans) {
                if (p.action() == FilePlan.Action.RECORD) manifest.put(p.entry().orElseThrow());
            }
            if (plans.stream().anyMatch(p -> p.action() == FilePlan.Action.RECORD)) manifest.save(client, dir);
            var copies = plans.stream().filter(p -> p.action().writesImage())
                    .sorted(Comparator.comparingLong((FilePlan p) -> p.source().size()).reversed()) // longest first: the run ends sooner
                    .toList();
            long total = copies.stream().mapToLong(p -> p.source().size()).sum();
            if (!copies.isEmpty()) {
                var commits = new ManifestCommits(client, dir, manifest, tuning.commitIntervalNanos());
                try (var overall = ctx.progress().start("push to " + shown, total)) {
                    results.addAll(inParallel(copies, p -> tuning.oneBlock(p.source().size()) ? smallFiles : files, p -> copy(p, commits, overall)));
                } finally {
                    commits.flush(); // also when interrupted: what is whole under its name gets recorded
                }
            }
            for (FilePlan p : plans) {
                if (!p.action().writesImage()) results.add(FileResult.of(p));
            }
            removeLeftovers(results);
            inheritFolderAcl(results, manifestChanges);
            return report(plans, results, createDir, manifestChanges, manifest.present(), (System.nanoTime() - started) / 1e9);
        }

        /** New files get the ACEs their folder passes on, as on Windows; the manifest is a new file each time it is saved. */
        private void inheritFolderAcl(List<FileResult> results, boolean manifestChanged) {
            if (!folderPassesAcl()) return;
            for (FileResult r : results) {
                if (r.copied()) NewFileSecurity.inherit(ctx, r.plan().target());
            }
            if (manifestChanged) {
                NewFileSecurity.inherit(ctx, dir.resolve(Manifest.SUMS));
                NewFileSecurity.inherit(ctx, dir.resolve(Manifest.SIDECAR));
            }
        }

        /**
         * Read once rather than once per file (a push of 10000 files read the folder's descriptor 10000 times): a folder
         * with no descriptor, or one whose client inherits by itself, passes nothing on. When unsure, each file decides.
         */
        private boolean folderPassesAcl() {
            if (ctx.whatIf()) return false;
            try {
                if (client.propagatesInheritance()) return false;
                var parent = client.readSecurity(dir);
                return parent.isPresent() && parent.get().dacl() != null;
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }

        private FileResult copy(FilePlan p, ManifestCommits commits, Progress.Task overall) throws InterruptedException {
            var copier = new ImageCopier(client, tuning, buffers, threads);
            long t0 = System.nanoTime();
            var marker = client;
            try (var task = ctx.progress().start(p.name(), p.source().size())) {
                var copied = copier.copy(p.source().path(), p.target(), p.source().fingerprint(), n -> {
                    task.advance(n);
                    overall.advance(n);
                }, () -> {
                    if (p.replacesReadOnly()) marker.setReadOnly(p.target(), false);
                });
                var details = new ManifestEntry.Details(p.source().size(), copied.modified().toInstant(), tuning.chunkSize(), copied.checkpoints(),
                        copied.chunks(), Optional.of(new ManifestEntry.SourceStamp(p.source().path().toString(), p.source().size(),
                                p.source().fingerprint().modified())));
                commits.settled(new ManifestEntry(p.name(), copied.sha256(), Optional.of(details)));
                if (p.replacesReadOnly()) {
                    ctx.warn("push: " + p.target() + " was marked read-only; run verify --read-only to mark the new copy");
                }
                return FileResult.copied(p, copied, (System.nanoTime() - t0) / 1e9);
            } catch (IOException e) {
                return FileResult.failed(p, PushPlanner.describe(e));
            }
        }

        /**
         * A push killed between renaming a file into place and deleting its journal, or while replacing the
         * manifest, leaves a work file that no later copy would touch; the files this run settled own theirs.
         */
        private void removeLeftovers(List<FileResult> results) throws IOException {
            Set<String> settled = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            results.stream().filter(r -> r.error() == null).forEach(r -> settled.add(r.plan().name()));
            settled.add(Manifest.SUMS);
            settled.add(Manifest.SIDECAR);
            for (FileEntry e : client.list(dir)) {
                if (StoreFiles.isWorkFile(e.name()) && settled.contains(StoreFiles.imageOf(e.name()))) client.delete(dir.resolve(e.name()));
            }
        }

        private void refuseReadOnly(List<FilePlan> plans) {
            if (opts.force()) return;
            var locked = plans.stream().filter(FilePlan::replacesReadOnly).map(p -> p.target().toString()).toList();
            if (!locked.isEmpty()) {
                throw new BadInputException(PushWording.readOnlyRefused(locked));
            }
        }

        /** Everything that can be known to fail before the first byte is written; the message says what to do. */
        private Optional<String> preflight(List<FilePlan> plans) throws IOException {
            long needed = plans.stream().mapToLong(FilePlan::bytesNeeded).sum();
            boolean writes = plans.stream().anyMatch(p -> p.action().writesImage() || p.action() == FilePlan.Action.RECORD);
            for (FilePlan p : plans) {
                if (!p.action().writesImage()) continue;
                if (!java.nio.file.Files.isReadable(p.source().path())) {
                    return Optional.of("push: cannot read " + p.source().path() + ": permission denied; let the account running prestage read it"
                            + " (nothing was copied)");
                }
            }
            if (!writes) return Optional.empty();
            ClientPath existing = dir; // the folder itself, or the first one above it that is there to be written in
            while (!existing.isRoot() && stat(existing).isEmpty()) existing = existing.parent();
            if (!client.canWrite(existing)) {
                return Optional.of(PushWording.cannotWriteInText(shown));
            }
            if (needed == 0) return Optional.empty();
            long free = client.usableSpace(existing);
            if (needed + MANIFEST_SLACK > free) {
                return Optional.of(String.format(Locale.ROOT,
                        "push: %s needs %s (%d bytes) but its volume has %s (%d bytes) free; free %s or push fewer files (nothing was copied)",
                        shown, Sizes.bytes(needed), needed, Sizes.bytes(free), free, Sizes.bytes(needed + MANIFEST_SLACK - free)));
            }
            return Optional.empty();
        }

        private Step report(List<FilePlan> plans, List<FileResult> results, boolean createDir, boolean manifestChanges,
                            boolean manifestExisted, double seconds) {
            return PushWording.step(new PushResult(shown, dir.resolve(Manifest.SUMS).toString(), jobs, createDir ? dir.asFolder().toString() : null,
                    plans, results, manifestChanges, manifestExisted, ctx.whatIf(), seconds));
        }

        /** A .ckm without its .ckm.index (or the other way round) is legal but almost always a mistake: the client fetches the index first. */
        private void warnUnpaired(List<SourceFile> sources, Manifest manifest) throws IOException {
            Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            sources.forEach(s -> present.add(s.name()));
            manifest.entries().forEach(e -> present.add(e.name()));
            if (stat(dir).filter(FileEntry::isFolder).isPresent()) {
                client.list(dir).forEach(e -> present.add(e.name()));
            }
            for (SourceFile s : sources) {
                String lower = s.name().toLowerCase(Locale.ROOT);
                if (lower.endsWith(".ckm") && !present.contains(s.name() + ".index")) {
                    ctx.warn("push: " + s.name() + " has no " + s.name() + ".index beside it; the client downloads the index first");
                } else if (lower.endsWith(".ckm.index") && !present.contains(s.name().substring(0, s.name().length() - ".index".length()))) {
                    ctx.warn("push: " + s.name() + " is an index without its image " + s.name().substring(0, s.name().length() - ".index".length()));
                }
            }
        }

        private <T, R> List<R> inParallel(List<T> items, Work<T, R> work) throws InterruptedException, IOException {
            return inParallel(items, item -> files, work);
        }

        private <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, ExecutorService> pool, Work<T, R> work)
                throws InterruptedException, IOException {
            var futures = new ArrayList<Future<R>>();
            for (T item : items) futures.add(pool.apply(item).submit(() -> work.apply(item)));
            var out = new ArrayList<R>();
            RuntimeException firstBadInput = null;
            for (var f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        if (firstBadInput == null) firstBadInput = re;
                    } else if (c instanceof IOException io) {
                        throw io;
                    } else {
                        throw new IllegalStateException(c);
                    }
                }
            }
            if (firstBadInput != null) throw firstBadInput;
            return out;
        }
    }

    @FunctionalInterface
    private interface Work<T, R> {
        R apply(T item) throws Exception;
    }

    /** What happened to one file. {@code resumedFrom} is -1 unless a copy ran. */
    record FileResult(FilePlan plan, String sha256, long resumedFrom, double seconds, String error) {
        static FileResult of(FilePlan p) {
            return new FileResult(p, p.entry().map(ManifestEntry::sha256).orElse(null), -1, 0, p.failure());
        }

        static FileResult copied(FilePlan p, ImageCopier.Copied c, double seconds) {
            return new FileResult(p, c.sha256(), c.resumedFrom(), seconds, null);
        }

        static FileResult failed(FilePlan p, String why) {
            return new FileResult(p, null, -1, 0, why);
        }

        /** The file under its final name is one this run wrote. */
        boolean copied() {
            return error == null && plan.action().writesImage();
        }
    }

    /**
     * Push and verify stop early the same three ways: an I/O error, an interrupt (Ctrl-C; the flag is set again for
     * the caller), or another run holding the folder. Records the step {@code wording} makes of it.
     */
    static Step stopped(Context ctx, Exception e, java.util.function.Function<Exception, Step> wording) {
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        return ctx.record(wording.apply(e));
    }

    static ThreadFactory daemons(String prefix) {
        var n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
