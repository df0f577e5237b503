package prestage.core.images;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;

final class Sha256 {
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private Sha256() {
    }

    /**
     * HotSpot hashes with the CPU's SHA instructions only once C2 has compiled the digest's compress loop, which takes
     * thousands of calls; until then SHA-256 runs in plain Java at a tenth of its speed, and a fresh push hashed its first
     * 100 MiB or so that way on every hashing thread. Many tiny updates on a spare core while the push plans get the loop
     * compiled before the first block arrives (about 0.15 s of one core, once per process); only worth it when a file
     * is big enough for that first stretch to matter.
     */
    static void warmUpFor(long largestFile) {
        if (largestFile < CopyTuning.DEFAULT_CHUNK_SIZE || !WARMED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            MessageDigest md = newDigest();
            byte[] block = new byte[64];
            // every path push takes, or C2 compiles the ones it never saw as traps and the first real block throws the
            // compiled code away: blocks from a direct buffer, a tail that is no whole block, the padding of a digest
            var pages = java.nio.ByteBuffer.allocateDirect(128);
            for (int i = 0; i < 20_000; i++) {
                md.update(block);
                if (i % 8 == 0) md.update(pages.clear());
                if (i % 16 == 0) md.update(block, 0, 40);
                if (i % 32 == 0) md.digest();
            }
            md.digest();
        }, "prestage-sha256-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    static MessageDigest copyOf(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 state cannot be copied", e);
        }
    }
}
