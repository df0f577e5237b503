package prestage.core.images;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import prestage.core.BadInputException;
import prestage.core.Context;
import prestage.core.Progress;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/**
 * The {@code verify} verb: re-hash every file against the manifest, report missing, extra and changed files,
 * and optionally mark the intact ones read-only. A file with chunk hashes in the sidecar is checked chunk by
 * chunk, the chunks spread over all cores, so one big file is not held to the speed of one core, and a
 * difference is located to its chunk. A file listed only in {@code SHA256SUMS} (written by sha256sum, say)
 * is hashed whole.
 */
public final class VerifyVerb {
    private static final String VERB = "verify";

    private final Context ctx;
    private final int bufferSize;
    private final int workers;

    public VerifyVerb(Context ctx) {
        this(ctx, CopyTuning.DEFAULT.bufferSize(), Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
    }

    VerifyVerb(Context ctx, int bufferSize, int workers) {
        this.ctx = ctx;
        this.bufferSize = bufferSize;
        this.workers = workers;
    }

    public Step verify(String dir, boolean readOnly) {
        if (dir == null || dir.isBlank()) throw new BadInputException("verify: give the store folder, e.g. C:\\MED-V Images\\PrestagedImages");
        Path local = ctx.target().resolve(dir);
        String shown = show(local);
        if (!Files.exists(local)) {
            throw new BadInputException("verify: " + shown + " does not exist; give the folder push copied the images to");
        }
        if (!Files.isDirectory(local)) {
            throw new BadInputException("verify: " + shown + " is a file, not a folder; give the folder that holds " + Manifest.SUMS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, PushVerb.daemons("prestage-verify"));
        try {
            Manifest manifest = Manifest.load(local, this::show);
            if (!manifest.present()) {
                throw new BadInputException("verify: " + shown + " has no " + Manifest.SUMS + "; push the images there first (push writes it)");
            }
            manifest.staleDetails().forEach(n -> ctx.warn("verify: " + Manifest.SIDECAR + " disagrees with " + Manifest.SUMS + " about " + n
                    + "; checking it against " + Manifest.SUMS + " alone"));
            return ctx.record(new Check(local, shown, manifest, pool).run(readOnly));
        } catch (IOException e) {
            return ctx.record(Step.failed(VERB, shown, "verify " + shown + " failed: " + PushPlanner.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ctx.record(Step.failed(VERB, shown, "verify " + shown + " was interrupted"));
        } finally {
            pool.shutdownNow();
        }
    }

    private String show(Path p) {
        return ctx.target().clientPath(p);
    }

    /** What verify found about one listed file. */
    private static final class FileCheck {
        final ManifestEntry entry;
        final Path path;
        final Map<Long, Boolean> chunkOk = new ConcurrentHashMap<>();
        volatile String problem; // missing, not a file, size, unreadable...
        volatile boolean unreadable;
        volatile String actualSha;
        AtomicInteger pending;
        Progress.Task task;

        FileCheck(ManifestEntry entry, Path path) {
            this.entry = entry;
            this.path = path;
        }

        boolean intact() {
            if (problem != null) return false;
            if (actualSha != null) return actualSha.equals(entry.sha256());
            return !chunkOk.containsValue(false);
        }

        List<Long> badChunks() {
            return chunkOk.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList();
        }
    }

    private final class Check {
        private final Path dir;
        private final String shown;
        private final Manifest manifest;
        private final ExecutorService pool;
        private final ThreadLocal<ByteBuffer> buffers;

        Check(Path dir, String shown, Manifest manifest, ExecutorService pool) {
            this.dir = dir;
            this.shown = shown;
            this.manifest = manifest;
            this.pool = pool;
            this.buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(bufferSize));
        }

        Step run(boolean readOnly) throws IOException, InterruptedException {
            Map<String, Path> present = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(p -> present.put(p.getFileName().toString(), p));
            }
            var checks = new ArrayList<FileCheck>();
            for (ManifestEntry e : manifest.entries()) {
                Path p = present.remove(e.name());
                checks.add(new FileCheck(e, p == null ? dir.resolve(e.name()) : p));
                if (p != null && !p.getFileName().toString().equals(e.name())) {
                    ctx.warn("verify: " + Manifest.SUMS + " lists " + e.name() + ", the folder holds " + p.getFileName()
                            + "; Windows treats them as one file");
                }
            }
            var extras = new ArrayList<String>();
            for (var name : present.keySet()) {
                if (StoreFiles.isManifest(name)) continue;
                if (StoreFiles.isWorkFile(name)) {
                    ctx.warn("verify: " + name + " is left from an interrupted push of " + StoreFiles.imageOf(name)
                            + "; run push again to finish it, or delete it");
                    continue;
                }
                extras.add(name);
            }

            long started = System.nanoTime();
            long bytes = hashAll(checks);
            double seconds = (System.nanoTime() - started) / 1e9;

            var marked = new ArrayList<String>();
            var markFailures = new ArrayList<String>();
            if (readOnly) mark(checks, marked, markFailures);
            return report(checks, extras, marked, markFailures, readOnly, bytes, seconds);
        }

        /** Queues every chunk (or whole file) on the pool and waits; returns the bytes read. */
        private long hashAll(List<FileCheck> checks) throws IOException, InterruptedException {
            long total = 0;
            var jobs = new ArrayList<Runnable>();
            for (FileCheck c : checks) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(c.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException e) {
                    c.problem = "missing";
                    continue;
                }
                if (attrs.isSymbolicLink()) {
                    c.problem = "is a symbolic link, not a file";
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    c.problem = attrs.isDirectory() ? "is a folder, not a file" : "is not a regular file";
                    continue;
                }
                long size = attrs.size();
                var details = c.entry.details();
                if (details.isPresent() && details.get().size() != size) {
                    c.problem = "has " + size + " bytes, " + Manifest.SUMS + " was written for " + details.get().size();
                    continue;
                }
                total += size;
                if (details.isPresent() && !details.get().chunks().isEmpty()) {
                    var d = details.get();
                    c.pending = new AtomicInteger(d.chunks().size());
                    for (int i = 0; i < d.chunks().size(); i++) {
                        long index = i;
                        long from = index * d.chunkSize();
                        long length = Math.min(d.chunkSize(), size - from);
                        String expected = d.chunks().get(i);
                        jobs.add(() -> hashChunk(c, index, from, length, expected));
                    }
                } else {
                    c.pending = new AtomicInteger(1);
                    jobs.add(() -> hashWhole(c, size));
                }
            }
            try (var overall = ctx.progress().start("verify " + shown, total)) {
                for (FileCheck c : checks) {
                    if (c.pending != null) {
                        var fileTask = ctx.progress().start(c.entry.name(), sizeOf(c));
                        c.task = new Progress.Task() {
                            @Override public void advance(long n) {
                                fileTask.advance(n);
                                overall.advance(n);
                            }

                            @Override public void close() {
                                fileTask.close();
                            }
                        };
                    }
                }
                var futures = new ArrayList<Future<?>>();
                for (Runnable job : jobs) futures.add(pool.submit(job));
                for (var f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException re) throw re;
                        throw new IOException(e.getCause());
                    }
                }
            }
            return total;
        }

        private long sizeOf(FileCheck c) {
            try {
                return Files.size(c.path);
            } catch (IOException e) {
                return 0;
            }
        }

        private void hashChunk(FileCheck c, long index, long from, long length, String expected) {
            try {
                String actual = RangeHasher.hash(c.path, from, length, buffers.get(), c.task::advance);
                c.chunkOk.put(index, actual.equals(expected));
            } catch (EOFException e) {
                c.problem = "got shorter while verify read it";
            } catch (IOException e) {
                c.unreadable = true;
                c.problem = "cannot be read: " + PushPlanner.describe(e);
            } finally {
                if (c.pending.decrementAndGet() == 0) c.task.close();
            }
        }

        private void hashWhole(FileCheck c, long size) {
            try {
                c.actualSha = RangeHasher.hash(c.path, 0, size, buffers.get(), c.task::advance);
            } catch (EOFException e) {
                c.problem = "got shorter while verify read it";
            } catch (IOException e) {
                c.unreadable = true;
                c.problem = "cannot be read: " + PushPlanner.describe(e);
            } finally {
                c.task.close();
            }
        }

        /** Only intact files get the mark: marking a damaged one would make it look approved. */
        private void mark(List<FileCheck> checks, List<String> marked, List<String> failures) {
            var marker = ctx.target().readOnly();
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
            boolean whatIf = ctx.whatIf();
            var diff = new ArrayList<String>();
            var problems = new ArrayList<String>();
            var files = new ArrayList<Map<String, Object>>();
            int intact = 0;
            boolean unreadable = false;
            for (FileCheck c : checks) {
                var m = new LinkedHashMap<String, Object>();
                m.put("name", c.entry.name());
                m.put("sha256", c.entry.sha256());
                String name = c.entry.name();
                if (c.intact()) {
                    intact++;
                    m.put("status", "ok");
                } else if ("missing".equals(c.problem)) {
                    m.put("status", "missing");
                    diff.add("- " + name + " (missing)");
                    problems.add(name + " is missing");
                } else {
                    unreadable |= c.unreadable;
                    m.put("status", c.unreadable ? "unreadable" : "changed");
                    String what = describeChange(c);
                    if (!c.badChunks().isEmpty()) m.put("chunks", c.badChunks());
                    if (c.actualSha != null) m.put("actualSha256", c.actualSha);
                    if (c.problem != null) m.put("problem", c.problem);
                    diff.add("~ " + name + ": " + what);
                    problems.add(name + " " + what);
                }
                if (marked.contains(name)) m.put("markedReadOnly", true);
                files.add(m);
            }
            for (String e : extras) {
                diff.add("+ " + e + " (not in " + Manifest.SUMS + ")");
            }
            if (!extras.isEmpty()) problems.add(extras.size() + " file" + (extras.size() == 1 ? "" : "s") + " not in " + Manifest.SUMS + ": "
                    + String.join(", ", extras));
            for (String n : marked) diff.add("~ " + n + ": " + (whatIf ? "would be marked" : "marked") + " read-only");

            var data = new LinkedHashMap<String, Object>();
            data.put("dir", shown);
            data.put("manifest", show(dir.resolve(Manifest.SUMS)));
            data.put("files", files);
            data.put("extra", extras);
            data.put("bytes", bytes);
            data.put("seconds", Math.round(seconds * 1000) / 1000.0);
            if (readOnly) {
                data.put("markedReadOnly", marked);
                data.put("notMarked", markFailures);
            }

            String checked = intact + " of " + checks.size() + " file" + (checks.size() == 1 ? "" : "s") + " intact ("
                    + Sizes.bytes(bytes) + " in " + Sizes.seconds(seconds) + ", " + Sizes.rate(bytes, seconds) + ")";
            Status status;
            String message;
            if (unreadable || !markFailures.isEmpty()) {
                status = Status.FAILED;
                message = checked + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                        + (markFailures.isEmpty() ? "" : "; could not mark read-only: " + String.join(", ", markFailures));
            } else if (!problems.isEmpty()) {
                status = Status.DRIFT;
                message = checked + "; " + String.join("; ", problems) + "; push again to repair";
            } else if (!marked.isEmpty()) {
                status = Status.CHANGED;
                message = checked + "; " + (whatIf ? "would mark " : "marked ") + marked.size() + " read-only";
            } else {
                status = Status.OK;
                message = checked + (readOnly ? ", all marked read-only" : "");
            }
            return new Step(VERB, shown, status, message, diff, data);
        }

        private String describeChange(FileCheck c) {
            if (c.problem != null) return c.problem;
            var bad = c.badChunks();
            if (!bad.isEmpty()) {
                var d = c.entry.details().orElseThrow();
                var parts = new ArrayList<String>();
                for (long i : bad) {
                    long from = i * d.chunkSize();
                    long to = Math.min(d.size(), from + d.chunkSize()) - 1;
                    parts.add(String.format(Locale.ROOT, "chunk %d (bytes %d-%d)", i, from, to));
                }
                return "content differs in " + String.join(", ", parts) + " of " + d.chunks().size();
            }
            return "content differs (SHA-256 " + c.actualSha + ", " + Manifest.SUMS + " says " + c.entry.sha256()
                    + "; no chunk hashes to say where)";
        }
    }
}
