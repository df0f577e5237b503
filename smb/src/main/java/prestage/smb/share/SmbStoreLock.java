package prestage.smb.share;

import prestage.smb.connect.SmbFailures;

import java.io.IOException;
import java.io.InterruptedIOException;

import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;

/**
 * The store lock of a folder on an SMB client: {@value StoreLock#FILE_NAME} opened with no sharing and delete-on-close.
 * A second opener gets STATUS_SHARING_VIOLATION; the server deletes the file when the holder closes it and closes it
 * when the holder's session dies, so a killed run leaves nothing that blocks the next.
 */
public final class SmbStoreLock implements StoreLock {
    private static final long POLL_MILLIS = 200;
    private final AutoCloseable open;

    private SmbStoreLock(AutoCloseable open) {
        this.open = open;
    }

    public static StoreLock take(SmbShare share, String lockFile, String folderShown, Policy policy) throws IOException {
        boolean told = false;
        while (true) {
            var held = SmbFailures.io(share.address().host(), "lock", folderShown, () -> share.tryExclusive(lockFile));
            if (held.isPresent()) return new SmbStoreLock(held.get());
            String message = folderShown + " is in use by another prestage run (its " + FILE_NAME + " is open on "
                    + share.address().host() + ")";
            if (!policy.waits()) throw new StoreBusyException(message + "; wait for it to finish, or let this run wait");
            if (!told) {
                policy.waiting().accept(message + "; waiting");
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the lock of " + folderShown);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            open.close();
        } catch (IOException | RuntimeException e) {
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
