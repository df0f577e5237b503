package prestage.core.images;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The SHA-256 of a whole file, fed in order. When checking a part left by an interrupted push it keeps a
 * copy of its state at every chunk boundary, so the copy can resume from the last chunk that checked out
 * without hashing that prefix again.
 */
final class WholeDigest implements BlockConsumer {
    private final MessageDigest md;
    private final long chunkSize;
    private final Map<Long, MessageDigest> boundaries; // null unless checkpointing
    private long offset;

    private WholeDigest(MessageDigest md, long offset, long chunkSize, boolean checkpoints) {
        this.md = md;
        this.offset = offset;
        this.chunkSize = chunkSize;
        this.boundaries = checkpoints ? new HashMap<>() : null;
        if (checkpoints) boundaries.put(offset, Sha256.copyOf(md));
    }

    static WholeDigest fresh() {
        return new WholeDigest(Sha256.newDigest(), 0, Long.MAX_VALUE, false);
    }

    static WholeDigest checkpointing(long chunkSize) {
        return new WholeDigest(Sha256.newDigest(), 0, chunkSize, true);
    }

    @Override
    public void accept(ByteBuffer block, long at) {
        if (at != offset) throw new IllegalStateException("block at " + at + ", expected " + offset);
        offset += block.remaining();
        md.update(block);
        if (boundaries != null && offset % chunkSize == 0) boundaries.put(offset, Sha256.copyOf(md));
    }

    @Override
    public void finish() {
        if (boundaries != null) boundaries.put(offset, Sha256.copyOf(md));
    }

    /** A digest of the first {@code at} bytes, ready to take the rest; {@code at} must be a boundary seen. */
    WholeDigest resumedAt(long at) {
        MessageDigest state = boundaries == null ? null : boundaries.get(at);
        if (state == null) throw new IllegalStateException("no checkpoint at " + at);
        return new WholeDigest(Sha256.copyOf(state), at, Long.MAX_VALUE, false);
    }

    long offset() {
        return offset;
    }

    String hex() {
        return Manifest.hex(Sha256.copyOf(md).digest());
    }
}
