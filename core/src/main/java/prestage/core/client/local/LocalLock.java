package prestage.core.client.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;

/**
 * The store lock on a local folder: {@code flock} on {@value StoreLock#FILE_NAME} inside it. The kernel drops the lock
 * when the process dies, so a killed run never blocks the next; flock belongs to the open file (not to the process,
 * as fcntl locks do), so two runs inside one JVM (the console, a fleet) exclude each other too. The file names its
 * holder for the message a second run shows, and is deleted as the lock is let go, so a store holds no trace of it;
 * a run that got the lock on a file deleted meanwhile takes it again on the new one.
 */
final class LocalLock implements StoreLock {
    private static final long POLL_MILLIS = 100;

    private final Path file;
    private final int fd;

    private LocalLock(Path file, int fd) {
        this.file = file;
        this.fd = fd;
    }

    /** @param folder the store folder (a contained local path); the lock file goes inside it */
    static StoreLock take(Path folder, String folderShown, Policy policy) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        boolean told = false;
        while (true) {
            int fd = Fds.openLockFile(file);
            boolean kept = false;
            try {
                if (Fds.tryLock(fd)) {
                    if (sameFile(fd, file)) {
                        writeHolder(file);
                        kept = true;
                        return new LocalLock(file, fd);
                    }
                    continue; // the holder before us deleted it as it let go
                }
                if (!told) {
                    busy(file, folderShown, policy);
                    told = true;
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the lock of " + folderShown);
            } finally {
                if (!kept) Fds.close(fd);
            }
        }
    }

    private static boolean sameFile(int fd, Path file) throws IOException {
        Object held = Files.readAttributes(Fds.path(fd), BasicFileAttributes.class).fileKey();
        try {
            return held != null && held.equals(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static void busy(Path file, String folderShown, Policy policy) {
        String holder = holder(file);
        if (!policy.waits()) {
            throw new StoreBusyException(folderShown + " is in use by another prestage run (" + holder
                    + "); run again when it has finished, or leave out --no-wait to wait for it");
        }
        policy.waiting().accept(folderShown + " is in use by another prestage run (" + holder + "); waiting for it to finish");
    }

    private static String holder(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            // the file is ours; still, show only printable text from it, and not much
            String text = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8).strip().replaceAll("[^\\x20-\\x7e]", "?");
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static void writeHolder(Path file) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        var self = ProcessHandle.current();
        String who = "pid " + self.pid() + " on " + host + ", started "
                + self.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS) + "\n";
        Files.writeString(file, who, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            Fds.close(fd);
        }
    }
}
