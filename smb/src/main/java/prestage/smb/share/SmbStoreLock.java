package prestage.smb.share;

import prestage.smb.connect.SmbFailures;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;

/**
 * The store lock of a folder on an SMB client: an exclusive byte-range lock on {@value StoreLock#FILE_NAME} inside it.
 * The server drops the lock when the holder's session dies, so a killed run never blocks the next. On a Samba server
 * the byte-range lock is also a POSIX lock of the served file, which a local run on the same folder (prestage's
 * {@code LocalLock}: flock and an OFD lock) conflicts with: a run over SMB and a run on the server's own folder exclude
 * each other (docs/safety.md). The file names its holder, for the message a waiting run shows, and is deleted as the
 * lock is let go.
 */
public final class SmbStoreLock implements StoreLock {
    private static final long POLL_MILLIS = 200;
    private final SmbShare share;
    private final SmbShare.HeldLock held;

    private SmbStoreLock(SmbShare share, SmbShare.HeldLock held) {
        this.share = share;
        this.held = held;
    }

    public static StoreLock take(SmbShare share, String lockFile, String folderShown, Policy policy) throws IOException {
        boolean told = false;
        String host = share.address().host();
        while (true) {
            var holder = new AtomicReference<>("holder unknown");
            var taken = SmbFailures.io(host, "lock", folderShown, () -> share.tryLock(lockFile, holder::set));
            if (taken.isPresent()) {
                var lock = new SmbStoreLock(share, taken.get());
                SmbFailures.act(host, "lock", folderShown, () -> share.writeHolder(taken.get(), whoAmI(share)));
                return lock;
            }
            String message = folderShown + " is in use by another prestage run (" + holder.get() + ")";
            if (!policy.waits()) throw new StoreBusyException(message + "; run again when it has finished, or leave out --no-wait to wait for it");
            if (!told) {
                policy.waiting().accept(message + "; waiting for it to finish");
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

    private static String whoAmI(SmbShare share) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        var self = ProcessHandle.current();
        return "pid " + self.pid() + " on " + host + " over SMB, started " + self.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        SmbFailures.act(share.address().host(), "unlock", held.path(), () -> share.release(held));
    }
}
