package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where {@link Sha256Pipeline} reads from: a local source file or a client's file. */
@FunctionalInterface
interface BlockSource {
    /** As {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}: -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException;
}
