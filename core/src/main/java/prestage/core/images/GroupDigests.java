package prestage.core.images;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The digests of one source file, made once for every copy of it that a fleet runs at the same time: the whole-file
 * SHA-256 with its checkpoint at each chunk boundary and, for a file of more than one chunk, each chunk's own SHA-256
 * (what {@link WholeDigest} and {@link ChunkHashes} make for one copy). Blocks are absorbed in order, as the group
 * reads them and before any copy is given them, so what it hashed is what every copy that took the block got.
 * <p>
 * It keeps the digest states at each block it absorbed (a hundred-odd bytes each): a copy that falls behind and reads
 * for itself from some block on carries on from a clone of the state there ({@link MessageDigest#clone()}), so no
 * byte is hashed twice. A block that arrives out of order (a resumed copy that leads the group) ends the group's
 * digests there; the copies hash for themselves from that point.
 */
final class GroupDigests {
    private final long size;
    private final long chunkSize;
    private final boolean chunks;
    private final MessageDigest whole = Sha256.newDigest();
    private final MessageDigest chunk;
    private final Map<Long, State> states = new HashMap<>();
    private final List<String> checkpoints = new ArrayList<>();
    private final List<String> chunkHashes = new ArrayList<>();
    private long position;
    private boolean ended;
    private String hex;

    /** The digests at a point of the file: the whole file's so far, and the current chunk's (null without chunk hashes). */
    record State(MessageDigest whole, MessageDigest chunk, List<String> checkpoints, List<String> chunkHashes) {
    }

    GroupDigests(long size, long chunkSize) {
        this.size = size;
        this.chunkSize = chunkSize;
        this.chunks = size > chunkSize; // as ImageCopier: a file of one chunk has its hash for its chunk hash
        this.chunk = chunks ? Sha256.newDigest() : null;
        if (size == 0) hex = Manifest.hex(Sha256.copyOf(whole).digest());
        keepState();
    }

    long chunkSize() {
        return chunkSize;
    }

    /**
     * Hashes the block at {@code at}, if it is the next one; a block out of order ends the digests.
     *
     * @return whether the block is now hashed
     */
    synchronized boolean absorb(ByteBuffer block, long at) {
        if (ended) return false;
        if (at != position) {
            if (at > position) ended = true; // a gap: the bytes between were never hashed here
            return at < position && at + block.remaining() <= position;
        }
        ByteBuffer b = block.duplicate();
        while (b.hasRemaining()) {
            long boundary = (position / chunkSize + 1) * chunkSize;
            int n = (int) Math.min(b.remaining(), boundary - position);
            ByteBuffer piece = b.slice(b.position(), n);
            whole.update(piece.duplicate());
            if (chunks) chunk.update(piece);
            b.position(b.position() + n);
            position += n;
            if (position == boundary || position == size) {
                checkpoints.add(Manifest.hex(Sha256.copyOf(whole).digest()));
                if (chunks) chunkHashes.add(Manifest.hex(chunk.digest())); // digest() also resets it for the next chunk
            }
        }
        if (position == size) hex = checkpoints.isEmpty() ? Manifest.hex(Sha256.copyOf(whole).digest()) : checkpoints.get(checkpoints.size() - 1);
        keepState();
        return true;
    }

    private void keepState() {
        states.put(position, new State(Sha256.copyOf(whole), chunks ? Sha256.copyOf(chunk) : null, List.copyOf(checkpoints), List.copyOf(chunkHashes)));
    }

    /** Whether the bytes up to {@code end} are hashed. */
    synchronized boolean covers(long end) {
        return end <= position;
    }

    /** A copy of the states at {@code at} for a copy to carry on with by itself; null when the group never was there. */
    synchronized State stateAt(long at) {
        State s = states.get(at);
        if (s == null) return null;
        return new State(Sha256.copyOf(s.whole()), s.chunk() == null ? null : Sha256.copyOf(s.chunk()), s.checkpoints(), s.chunkHashes());
    }

    /** The checkpoint at the end of chunk {@code index}: the SHA-256 of the file up to there. */
    synchronized String checkpoint(int index) {
        return checkpoints.get(index);
    }

    synchronized List<String> checkpoints() {
        return List.copyOf(checkpoints);
    }

    synchronized List<String> chunkHashes() {
        return List.copyOf(chunkHashes);
    }

    /** The whole file's SHA-256, once every byte is hashed; else null. */
    synchronized String hex() {
        return hex;
    }

    boolean hasChunks() {
        return chunks;
    }
}
