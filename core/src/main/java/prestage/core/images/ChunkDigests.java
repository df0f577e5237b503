package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** The SHA-256 of each {@code chunkSize} piece, each on its own, so each can be checked (and re-hashed) alone. */
final class ChunkDigests implements BlockConsumer {
    interface Listener {
        void chunkHashed(long index, String sha256) throws IOException;
    }

    private final long chunkSize;
    private final long firstIndex;
    private final Listener listener;
    private final MessageDigest md = Sha256.newDigest();
    private final List<String> hashes = new ArrayList<>();
    private long inChunk;

    /** @param firstIndex the chunk the first block belongs to (a resumed copy starts mid-file) */
    ChunkDigests(long chunkSize, long firstIndex, Listener listener) {
        this.chunkSize = chunkSize;
        this.firstIndex = firstIndex;
        this.listener = listener == null ? (i, h) -> { } : listener;
    }

    @Override
    public void accept(ByteBuffer block, long offset) throws IOException {
        long expected = (firstIndex + hashes.size()) * chunkSize + inChunk;
        if (offset != expected || inChunk + block.remaining() > chunkSize) {
            throw new IllegalStateException("block at " + offset + " does not continue chunk " + (firstIndex + hashes.size()));
        }
        inChunk += block.remaining();
        md.update(block);
        if (inChunk == chunkSize) close();
    }

    @Override
    public void finish() throws IOException {
        if (inChunk > 0) close();
    }

    private void close() throws IOException {
        String hex = Manifest.hex(md.digest());
        long index = firstIndex + hashes.size();
        hashes.add(hex);
        inChunk = 0;
        listener.chunkHashed(index, hex);
    }

    /** Hashes from {@code firstIndex} on, in order. */
    List<String> hashes() {
        return List.copyOf(hashes);
    }
}
