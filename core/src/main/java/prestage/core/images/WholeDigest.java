package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of a whole file, fed in order, with a checkpoint at every chunk boundary: the SHA-256 of the
 * file's first {@code k * chunkSize} bytes (the last checkpoint, at the end of the file, is the file's hash).
 * A checkpoint costs one copy of the digest state and one padding block, so push gets them for free, unlike
 * hashes of each chunk on its own, which would hash every byte twice. They are where an interrupted copy can
 * resume, and they tell verify the first chunk that differs. When checking a part left by a killed push the
 * digest also keeps its state at each boundary, so the copy can go on from the last good one.
 */
final class WholeDigest implements BlockConsumer {
    interface Listener {
        /** @param index the checkpoint's number: it covers chunks 0..index */
        void checkpoint(long index, String sha256) throws IOException;
    }

    private final MessageDigest md;
    private final long chunkSize;
    private final List<String> checkpoints;
    private final Map<Long, MessageDigest> states; // null unless resumable
    private final Listener listener;
    private long offset;

    private WholeDigest(MessageDigest md, long offset, long chunkSize, List<String> checkpoints, boolean keepStates, Listener listener) {
        this.md = md;
        this.offset = offset;
        this.chunkSize = chunkSize;
        this.checkpoints = new ArrayList<>(checkpoints);
        this.states = keepStates ? new HashMap<>() : null;
        this.listener = listener == null ? (i, h) -> { } : listener;
        if (keepStates) states.put(offset, Sha256.copyOf(md));
    }

    static WholeDigest fresh(long chunkSize, Listener listener) {
        return new WholeDigest(Sha256.newDigest(), 0, chunkSize, List.of(), false, listener);
    }

    /** A digest that carries on from {@code state} (the file's first {@code offset} bytes, with their checkpoints). */
    static WholeDigest continuing(MessageDigest state, long offset, long chunkSize, List<String> checkpoints, Listener listener) {
        return new WholeDigest(state, offset, chunkSize, checkpoints, false, listener);
    }

    /** A digest that can later hand out {@link #resumedAt} any boundary it passed. */
    static WholeDigest resumable(long chunkSize, Listener listener) {
        return new WholeDigest(Sha256.newDigest(), 0, chunkSize, List.of(), true, listener);
    }

    @Override
    public void accept(ByteBuffer block, long at) throws IOException {
        long next = (offset / chunkSize + 1) * chunkSize;
        if (at != offset || block.remaining() > next - offset) {
            throw new IllegalStateException("block at " + at + " (" + block.remaining() + " bytes) does not continue at " + offset);
        }
        offset += block.remaining();
        md.update(block);
        if (offset == next) checkpoint();
    }

    /** Closes the last, shorter chunk, unless a digest resumed at the very end already has it. */
    @Override
    public void finish() throws IOException {
        if (offset % chunkSize != 0 && checkpoints.size() < (offset + chunkSize - 1) / chunkSize) checkpoint();
    }

    private void checkpoint() throws IOException {
        MessageDigest state = Sha256.copyOf(md);
        if (states != null) states.put(offset, Sha256.copyOf(md));
        String hex = Manifest.hex(state.digest());
        checkpoints.add(hex);
        listener.checkpoint(checkpoints.size() - 1, hex);
    }

    /**
     * A digest of the first {@code at} bytes, ready for the rest, keeping the first {@code at / chunkSize}
     * checkpoints; {@code at} must be a boundary this digest passed.
     */
    WholeDigest resumedAt(long at, Listener listener) {
        MessageDigest state = states == null ? null : states.get(at);
        if (state == null) throw new IllegalStateException("no state kept at " + at);
        int kept = (int) Math.min(checkpoints.size(), (at + chunkSize - 1) / chunkSize);
        return new WholeDigest(Sha256.copyOf(state), at, chunkSize, checkpoints.subList(0, kept), false, listener);
    }

    long offset() {
        return offset;
    }

    List<String> checkpoints() {
        return List.copyOf(checkpoints);
    }

    String hex() {
        return Manifest.hex(Sha256.copyOf(md).digest());
    }
}
