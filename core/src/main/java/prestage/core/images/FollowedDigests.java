package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One copy's whole-file digest and chunk hashes when its group of copies makes them ({@link GroupDigests}): a stage of
 * the copy's pipeline in place of {@link WholeDigest} and {@link ChunkHashes}. While the copy takes its blocks from the
 * group, the group's digests are this copy's (the group hashed the very bytes it handed over) and this stage only tells
 * the journal of each checkpoint as the copy passes it. From the first block the copy read for itself (it fell behind)
 * it hashes alone, carrying on from a clone of the group's state at that block.
 */
final class FollowedDigests implements BlockConsumer {
    private final GroupDigests group;
    private final LongPredicate fromGroup;
    private final long chunkSize;
    private final WholeDigest.Listener listener;
    private final java.util.function.LongConsumer hashedAlone;
    private WholeDigest whole;
    private ChunkHashes chunks;
    private long offset;

    /**
     * @param fromGroup   whether the copy got every byte before the given offset from the group
     * @param hashedAlone told of the bytes this copy hashes itself
     */
    FollowedDigests(GroupDigests group, LongPredicate fromGroup, java.util.function.LongConsumer hashedAlone, WholeDigest.Listener listener) {
        this.group = group;
        this.hashedAlone = hashedAlone;
        this.fromGroup = fromGroup;
        this.chunkSize = group.chunkSize();
        this.listener = listener == null ? (i, h) -> { } : listener;
    }

    @Override
    public void accept(ByteBuffer block, long at) throws IOException {
        long end = at + block.remaining();
        if (at != offset) throw new IllegalStateException("block at " + at + " does not continue at " + offset);
        if (whole == null && fromGroup.test(end) && group.covers(end)) {
            offset = end;
            if (end % chunkSize == 0) listener.checkpoint(end / chunkSize - 1, group.checkpoint((int) (end / chunkSize - 1)));
            return;
        }
        if (whole == null) carryOnAlone(at);
        hashedAlone.accept(end - at);
        whole.accept(block.duplicate(), at);
        if (chunks != null) chunks.accept(block, at);
        offset = end;
    }

    /** From here on the copy hashes for itself, from the group's state at {@code at}. */
    private void carryOnAlone(long at) {
        GroupDigests.State s = group.stateAt(at);
        if (s == null) throw new IllegalStateException("no shared digest state at " + at + ": the copy's blocks are not the group's");
        whole = WholeDigest.continuing(s.whole(), at, chunkSize, s.checkpoints(), listener);
        if (group.hasChunks()) chunks = new ChunkHashes(chunkSize, at, s.chunkHashes(), s.chunk());
    }

    @Override
    public void finish() throws IOException {
        if (whole != null) {
            whole.finish();
            if (chunks != null) chunks.finish();
        } else if (offset % chunkSize != 0) {
            listener.checkpoint(offset / chunkSize, group.checkpoint((int) (offset / chunkSize)));
        }
    }

    /** Whether the copy took every digest from the group (it never hashed a byte itself). */
    boolean followedAll() {
        return whole == null;
    }

    String hex() {
        return whole != null ? whole.hex() : group.hex();
    }

    List<String> checkpoints() {
        return whole != null ? whole.checkpoints() : group.checkpoints();
    }

    /** The chunk hashes (a file of more than one chunk), else empty. */
    List<String> chunkHashes() {
        if (!group.hasChunks()) return List.of();
        return chunks != null ? chunks.hashes() : group.chunkHashes();
    }
}
