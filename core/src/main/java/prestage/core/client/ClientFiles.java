package prestage.core.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import prestage.core.BadInputException;

/** Small files read whole through a client: manifests, journals, .reg files. */
public final class ClientFiles {
    private ClientFiles() {
    }

    /**
     * The bytes of a regular file, or empty when nothing is there.
     *
     * @param limit larger files are refused: what prestage reads whole is small, and a huge one is not what it claims
     */
    public static Optional<byte[]> read(Client client, ClientPath file, int limit) throws IOException {
        Optional<FileEntry> there = client.stat(file);
        if (there.isEmpty()) return Optional.empty();
        if (!there.get().isFile()) throw new BadInputException(file + " is not a regular file; move it away");
        if (there.get().size() > limit) {
            throw new BadInputException(file + " has " + there.get().size() + " bytes, more than such a file ever holds (" + limit
                    + "); it is not what its name says: move it away");
        }
        try (ReadableFile in = client.openRead(file)) {
            long size = Math.min(in.size(), limit);
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (in.read(buf, buf.position()) < 0) break;
            }
            return Optional.of(buf.position() == buf.capacity() ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position()));
        }
    }
}
