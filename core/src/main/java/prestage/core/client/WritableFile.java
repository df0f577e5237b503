package prestage.core.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A client file open for writing at any offset. Where bytes go once {@link #write} returns differs: straight to
 * the device ({@link #writesThrough()}, O_DIRECT locally) or into a cache that {@link #flush()} empties.
 */
public interface WritableFile extends AutoCloseable {
    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    /** True when a returned write is on the device already, so no flush is needed to trust it. */
    boolean writesThrough();

    /** Data written so far reaches the device (fdatasync); safe to call from another thread than the writer's. */
    void flush() throws IOException;

    /** Data and metadata (size, times) reach the device (fsync). */
    void sync() throws IOException;

    long size() throws IOException;

    void setModified(Instant time) throws IOException;

    @Override
    void close() throws IOException;
}
