package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One stage of {@link Sha256Pipeline}: sees every block of the range, in order, on its own thread. */
interface BlockConsumer {
    /** @param block the bytes at {@code offset}; the consumer may move its position, nobody else sees that view */
    void accept(ByteBuffer block, long offset) throws IOException;

    /** After the last block, on the same thread. */
    default void finish() throws IOException {
    }
}
