package prestage.core.images;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/** SHA-256 of one byte range of a file, read and hashed by the calling thread: verify's unit of parallel work. */
final class RangeHasher {
    private RangeHasher() {
    }

    /**
     * Each call opens its own channel: the kernel keeps read-ahead state per open file, and two threads
     * reading different chunks through one descriptor would keep resetting it.
     */
    static String hash(Path file, long from, long length, ByteBuffer buffer, LongConsumer progress) throws IOException {
        MessageDigest md = Sha256.newDigest();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = from;
            long end = from + length;
            while (pos < end) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), end - pos));
                int n = in.read(buffer, pos);
                if (n < 0) throw new EOFException(file + " ended at byte " + pos + ", expected " + end);
                buffer.flip();
                md.update(buffer);
                pos += n;
                progress.accept(n);
            }
        }
        return Manifest.hex(md.digest());
    }
}
