package prestage.core.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A client file open for reading at any offset (a local channel, or pipelined SMB reads). */
public interface ReadableFile extends AutoCloseable {
    long size() throws IOException;

    /** Reads into {@code dst} from {@code position}; -1 at the end of the file, as FileChannel does. */
    int read(ByteBuffer dst, long position) throws IOException;

    @Override
    void close() throws IOException;
}
