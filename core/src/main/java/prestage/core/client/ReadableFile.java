package prestage.core.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A client file open for reading at any offset (a local channel, or pipelined SMB reads). */
public interface ReadableFile extends AutoCloseable {
    long size() throws IOException;

    /** Reads into {@code dst} from {@code position}; -1 at the end of the file, as FileChannel does. */
    int read(ByteBuffer dst, long position) throws IOException;

    @Override
    void close() throws IOException;

    /** A local file's channel as a ReadableFile; closing it closes the channel. */
    static ReadableFile of(FileChannel channel) {
        return new ReadableFile() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return channel.read(dst, position);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
