package prestage.core.images;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;

/**
 * Copies one image into the store in a single read pass: the whole-file hash (with its checkpoints) and
 * the write take the same buffers. The bytes go to a part file beside the final name; only once they are
 * all on the disk (fsync) and the source proved unchanged does the part get the final name (rename, then
 * fsync of the folder). So a file under its final name is always whole. A part and journal left by a
 * killed push are checked chunk by chunk and the copy goes on after the last good chunk.
 */
final class ImageCopier {
    /** @param resumedFrom bytes taken over (after checking) from an interrupted push */
    record Copied(String sha256, List<String> checkpoints, List<String> chunks, long resumedFrom, FileTime modified) {
    }

    private final CopyTuning tuning;
    private final BufferPool buffers;
    private final ExecutorService threads;
    private final Sha256Pipeline pipeline;

    private final Client client;

    ImageCopier(Client client, CopyTuning tuning, BufferPool buffers, ExecutorService threads) {
        this.client = client;
        this.tuning = tuning;
        this.buffers = buffers;
        this.threads = threads;
        this.pipeline = new Sha256Pipeline(tuning, threads);
    }

    /**
     * @param planned       the source as the plan saw it; a different one now means it changed since
     * @param beforeReplace runs just before the rename (e.g. lifts the read-only mark of the file it replaces)
     */
    Copied copy(Path source, ClientPath target, FileFingerprint planned, LongConsumer progress, IoAction beforeReplace)
            throws IOException, InterruptedException {
        ClientPath dir = target.parent();
        String name = target.name();
        ClientPath part = StoreFiles.part(dir, name);
        ClientPath journalFile = StoreFiles.journal(dir, name);
        boolean done = false;
        SourceReads reads = SourceReads.current(); // a fleet run shares one read of each block among its copies
        try (var in = reads.open(source);
             var lease = buffers.leaseFor(planned.size(), tuning.buffersFor(planned.size()))) {
            FileFingerprint before = FileFingerprint.of(source);
            if (!before.sameContentStamp(planned.size(), planned.modified())) {
                throw new SourceChangedException(source + " changed after push looked at it (size or time differs); run push again");
            }
            long size = before.size();
            // a file of one chunk has no resume point before its end: a journal would only cost its fsyncs
            boolean journaled = size > tuning.chunkSize();
            // a file of one chunk has the whole-file hash as its chunk hash: hashing it twice would buy nothing
            boolean chunked = journaled && PushOptions.chunkHashesFor(client);
            var start = resumePoint(part, journalFile, before, progress);
            WholeDigest whole;
            FollowedDigests followed;
            ChunkHashes chunks = new ChunkHashes(tuning.chunkSize(), start.offset, start.verifiedChunks);
            try (var journal = journaled ? ChunkJournal.start(client, journalFile, before, tuning.chunkSize(), start.verified) : null;
                 var writer = PartWriter.open(client, part, start.offset, size, tuning, threads, journaled ? journal::durableUpTo : upTo -> { })) {
                WholeDigest.Listener listener = journaled ? journal::checkpoint : null;
                whole = start.checked == null ? WholeDigest.fresh(tuning.chunkSize(), listener) : start.checked.resumedAt(start.offset, listener);
                try {
                    var blocks = Sha256Pipeline.buffered(in::read, lease.buffers());
                    followed = follows(in, start.offset, size, blocks.maxBlock()) && in instanceof SharedSourceReads.SharedCopy shared
                            ? new FollowedDigests(shared.digests(), shared::fromGroup, shared::hashedAlone, listener) : null;
                    List<BlockConsumer> stages = followed != null ? List.of(followed, writer)
                            : chunked ? List.of(whole, chunks, writer) : List.of(whole, writer);
                    pipeline.run(blocks, start.offset, size, stages, progress);
                } catch (EOFException | InternalError e) { // InternalError: a mapped page of a file that shrank meanwhile
                    throw new SourceChangedException(source + " got shorter while push read it (" + e.getMessage() + "); run push again");
                }
                FileFingerprint after = FileFingerprint.of(source);
                if (!after.unchangedSince(before)) {
                    throw new SourceChangedException(source + " was written to while push copied it; the copy was discarded, "
                            + "run push again once nothing writes to it");
                }
                // the copy carries the source's time, as robocopy's and cp -p's do: push's quick check relies on it
                writer.setModified(before.modified());
                writer.sync();
                if (writer.size() != size) throw new IOException(part + " has " + writer.size() + " bytes after the copy, not " + size);
                if (journaled) journal.durableUpTo(size);
            }
            beforeReplace.run();
            client.replaceUnsynced(part, target); // the folder is flushed once per batch, before the manifest names the file
            done = true;
            if (journaled) ChunkJournal.delete(client, journalFile); // a journal left by a kill here is removed by the next run
            // one String for the hash wherever it recurs (the last checkpoint, a lone chunk): 10,000 files kept three of each
            String sha = followed != null ? followed.hex() : whole.hex();
            List<String> checkpoints = followed != null ? followed.checkpoints() : whole.checkpoints();
            List<String> chunkHashes = chunked ? (followed != null ? followed.chunkHashes() : chunks.hashes())
                    : journaled || size == 0 ? List.of() : List.of(sha);
            return new Copied(sha, endingWith(checkpoints, sha), chunkHashes, start.offset, FileTime.from(before.modified()));
        } catch (InterruptedException | java.io.InterruptedIOException | java.nio.channels.ClosedByInterruptException e) {
            // stopped by the user (Ctrl-C in the console): what is written and journaled stays, as after a kill, so the next push resumes
            done = true;
            throw e;
        } finally {
            if (!done && !Thread.currentThread().isInterrupted()) {
                // a failure we saw (full disk, changed source, I/O error) leaves nothing half-made; only a kill or a stop leaves a part to resume
                deleteQuietly(part);
                deleteQuietly(journalFile);
            }
        }
    }

    /**
     * Whether this copy takes its digests from its group of copies: it reads through a fleet's shared reads from the
     * start of the file, in the group's blocks (so a copy that falls behind leaves the group at a block the group has
     * a digest state for), and its chunks are the group's.
     */
    private boolean follows(prestage.core.client.ReadableFile in, long from, long size, int maxBlock) {
        if (!(in instanceof SharedSourceReads.SharedCopy shared) || from != 0) return false;
        int block = shared.blockSize();
        boolean sameBlocks = maxBlock == block || size <= Math.min(maxBlock, block);
        return sameBlocks && shared.digests().chunkSize() == tuning.chunkSize() && tuning.chunkSize() % block == 0;
    }

    private static List<String> endingWith(List<String> checkpoints, String sha) {
        int last = checkpoints.size() - 1;
        if (last < 0 || !checkpoints.get(last).equals(sha)) return checkpoints;
        var shared = new java.util.ArrayList<>(checkpoints);
        shared.set(last, sha);
        return List.copyOf(shared);
    }

    interface IoAction {
        void run() throws IOException;
    }

    /**
     * @param checked  the digest that checked an earlier part (null when starting afresh): it resumes at {@code offset}
     * @param verified the checkpoints of the part that checked out
     * @param verifiedChunks the hashes of its chunks
     */
    private record Start(long offset, WholeDigest checked, List<String> verified, List<String> verifiedChunks) {
    }

    /** Where to begin: after the last chunk of an earlier part whose checkpoint is what its journal says, else at 0. */
    private Start resumePoint(ClientPath part, ClientPath journalFile, FileFingerprint source, LongConsumer progress)
            throws IOException, InterruptedException {
        Optional<FileEntry> partThere = client.stat(part).filter(FileEntry::isFile);
        Optional<ChunkJournal.Claim> claim = partThere.isPresent() ? ChunkJournal.read(client, journalFile) : Optional.empty();
        if (claim.isEmpty() || !claim.get().describes(source, tuning.chunkSize())) {
            client.delete(part);
            return new Start(0, null, List.of(), List.of());
        }
        List<String> claimed = claim.get().checkpoints();
        long partSize = partThere.get().size();
        long end = 0;
        int count = 0;
        while (count < claimed.size()) {
            long chunkEnd = Math.min(source.size(), (count + 1L) * tuning.chunkSize());
            if (chunkEnd > partSize || chunkEnd <= end) break;
            end = chunkEnd;
            count++;
        }
        var check = WholeDigest.resumable(tuning.chunkSize(), null);
        var chunks = new ChunkHashes(tuning.chunkSize());
        try (var lease = buffers.lease(tuning.buffersFor(end)); var in = client.openRead(part)) {
            pipeline.run(in::read, 0, end, lease.buffers(), List.of(check, chunks), progress);
        }
        List<String> actual = check.checkpoints();
        int good = 0;
        while (good < count && actual.get(good).equals(claimed.get(good))) good++;
        long offset = Math.min(source.size(), good * tuning.chunkSize());
        return new Start(offset, check, actual.subList(0, good), chunks.hashes().subList(0, good));
    }

    private void deleteQuietly(ClientPath p) {
        try {
            client.delete(p);
        } catch (IOException ignored) {
            // the original failure is what the user needs to see
        }
    }
}
