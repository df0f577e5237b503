package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Hashes a file without copying it: whole-file SHA-256 and, when asked, the chunk hashes, in one read. */
final class FileHasher {
    record Hashed(String sha256, List<String> chunks) {
    }

    private final CopyTuning tuning;
    private final Sha256Pipeline pipeline;

    FileHasher(CopyTuning tuning, Sha256Pipeline pipeline) {
        this.tuning = tuning;
        this.pipeline = pipeline;
    }

    Hashed hash(Path file, long size, boolean withChunks, List<ByteBuffer> buffers, LongConsumer progress) throws IOException {
        var whole = WholeDigest.fresh();
        var consumers = new ArrayList<BlockConsumer>();
        consumers.add(whole);
        ChunkDigests chunks = withChunks ? new ChunkDigests(tuning.chunkSize(), 0, null) : null;
        if (chunks != null) consumers.add(chunks);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            pipeline.run(in, 0, size, buffers, consumers, progress);
        }
        return new Hashed(whole.hex(), chunks == null ? List.of() : chunks.hashes());
    }
}
