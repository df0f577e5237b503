package prestage.core.client;

import java.io.IOException;

/**
 * One process's hold on a store folder: while it is held no other prestage process writes the folder's images or
 * manifest. Released by {@link #close()}, and by the operating system (or the SMB server) when the process dies, so
 * a killed run never leaves a lock behind that blocks the next one.
 */
public interface StoreLock extends AutoCloseable {
    /** The lock file's name inside the folder, which verify and push leave alone. */
    String FILE_NAME = ".prestage-lock";

    /**
     * The byte of {@value #FILE_NAME} that a holder locks, locally as a POSIX (OFD) lock and over SMB as a byte-range
     * lock, which Samba turns into a POSIX lock of the same byte: so the two kinds of run exclude each other. Far past
     * the holder's text, which a waiting run reads (servers refuse reads of a range another open has locked).
     */
    long LOCK_BYTE = 1L << 40;

    @Override
    void close() throws IOException;

    /** How a second process behaves when the folder is held. */
    record Policy(boolean waits, java.util.function.Consumer<String> waiting) {
        public static final Policy WAIT_QUIETLY = new Policy(true, m -> { });
    }
}
