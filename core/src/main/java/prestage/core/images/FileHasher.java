package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongConsumer;

import prestage.core.client.Client;
import prestage.core.client.ClientPath;

/** Hashes a file without copying it: the whole-file SHA-256 and its checkpoints (for a source, also each chunk's hash), in one read. */
final class FileHasher {
    record Hashed(String sha256, List<String> checkpoints, List<String> chunks) {
    }

    private final CopyTuning tuning;
    private final Sha256Pipeline pipeline;

    FileHasher(CopyTuning tuning, Sha256Pipeline pipeline) {
        this.tuning = tuning;
        this.pipeline = pipeline;
    }

    /** A source file on this machine. */
    Hashed hash(Path file, long size, List<ByteBuffer> buffers, LongConsumer progress) throws IOException {
        var whole = WholeDigest.fresh(tuning.chunkSize(), null);
        var chunks = new ChunkHashes(tuning.chunkSize());
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            pipeline.run(in::read, 0, size, buffers, List.of(whole, chunks), progress);
        }
        return new Hashed(whole.hex(), whole.checkpoints(), chunks.hashes());
    }

    /** A file on the client. */
    Hashed hash(Client client, ClientPath file, long size, List<ByteBuffer> buffers, LongConsumer progress) throws IOException {
        var whole = WholeDigest.fresh(tuning.chunkSize(), null);
        try (var in = client.openRead(file)) {
            pipeline.run(in::read, 0, size, buffers, List.of(whole), progress);
        }
        return new Hashed(whole.hex(), whole.checkpoints(), List.of());
    }
}
