package prestage.core.client.local;

import java.io.IOException;
import java.nio.file.Path;

import prestage.core.client.ClientPath;

/** How a local client turns its paths into paths the JDK can use, for the length of one operation. */
interface Tree extends AutoCloseable {
    /**
     * A local path naming {@code path}, valid until the result is closed. The folders on the way exist and are no
     * links; the last name may be missing (the caller creates it) and is used with NOFOLLOW semantics.
     *
     * @throws java.nio.file.NoSuchFileException when a folder on the way is missing
     */
    Located locate(ClientPath path) throws IOException;

    @Override
    default void close() {
    }

    /** A local path and what keeps it valid. */
    record Located(Path path, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }
}
