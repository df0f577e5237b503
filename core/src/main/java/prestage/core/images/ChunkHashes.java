package prestage.core.images;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The SHA-256 of each chunk on its own (bytes {@code k * chunkSize} up to the next boundary), fed in order beside
 * {@link WholeDigest}. Unlike the prefix checkpoints these can be checked independently of each other, so verify
 * hashes the chunks of one file on every core. It costs push a second hash of every byte, on a thread of its own.
 */
final class ChunkHashes implements BlockConsumer {
    private final MessageDigest md;
    private final long chunkSize;
    private final List<String> hashes = new ArrayList<>();
    private long offset;

    /** @param known the hashes of the chunks before {@code offset}, a chunk boundary or the end of the file (a resumed copy) */
    ChunkHashes(long chunkSize, long offset, List<String> known) {
        this(chunkSize, offset, known, Sha256.newDigest());
    }

    /**
     * Carries on mid-chunk: {@code state} has the bytes of the current chunk before {@code offset}, {@code known} the
     * hashes of the chunks before it.
     */
    ChunkHashes(long chunkSize, long offset, List<String> known, MessageDigest state) {
        if (known.size() != offset / chunkSize && known.size() != (offset + chunkSize - 1) / chunkSize) {
            throw new IllegalArgumentException(known.size() + " chunk hashes for a resume at " + offset);
        }
        this.md = state;
        this.chunkSize = chunkSize;
        this.offset = offset;
        this.hashes.addAll(known);
    }

    ChunkHashes(long chunkSize) {
        this(chunkSize, 0, List.of());
    }

    @Override
    public void accept(ByteBuffer block, long at) {
        long next = (offset / chunkSize + 1) * chunkSize;
        if (at != offset || block.remaining() > next - offset) {
            throw new IllegalStateException("block at " + at + " (" + block.remaining() + " bytes) does not continue at " + offset);
        }
        offset += block.remaining();
        md.update(block);
        if (offset == next) hashes.add(Manifest.hex(md.digest())); // digest() also resets it for the next chunk
    }

    @Override
    public void finish() {
        if (hashes.size() < (offset + chunkSize - 1) / chunkSize) hashes.add(Manifest.hex(md.digest()));
    }

    List<String> hashes() {
        return List.copyOf(hashes);
    }
}
