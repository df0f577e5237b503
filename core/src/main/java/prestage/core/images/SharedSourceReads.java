package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import prestage.core.client.ReadableFile;

/**
 * One read, many writes: when several clients of a fleet run copy the same source file at once, each block of it is
 * read from the disk once and handed to every copy in flight.
 * <p>
 * Per source file (same file, size and time) the copies form a group around a window of at most {@code windowBlocks}
 * blocks: memory stays bounded. The copy that needs a block nobody has read yet reads it; the others take it from the
 * window. A block leaves the window once every copy of the group has passed it; a copy that lags so far behind that
 * the leader waited {@code maxLagMillis} for it leaves the group and reads for itself from then on, so a slow
 * client never holds up the rest for longer than that. Each copy checks the source's fingerprint before and after, as
 * any push does.
 * <p>
 * The group also hashes each block once, as it reads it and before any copy gets it ({@link GroupDigests}): a copy
 * that took its bytes from the group takes the group's digests for them ({@link FollowedDigests}), so the manifest of
 * every copy is still the hash of the bytes that copy read, and a copy that left the group hashes alone from there on.
 * Blocks come from the process's buffer budget ({@link ProcessBuffers}) and go back to it when the group ends.
 */
public final class SharedSourceReads implements SourceReads {
    public static final int BLOCK = 4 << 20;

    private final int blockSize;
    private final int windowBlocks;
    private final long maxLagMillis;
    private final IntSupplier expectedCopies;
    private final Map<Key, Group> groups = new HashMap<>();
    private final AtomicLong readOnce = new AtomicLong();
    private final AtomicLong readAlone = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong hashedOnce = new AtomicLong();
    private final AtomicLong hashedAlone = new AtomicLong();
    private final long chunkSize;

    /**
     * @param expectedCopies how many copies of a file to expect (the clients running now): a new group keeps its first
     *                       blocks for those that have not opened the file yet, for at most {@code maxLagMillis}
     */
    public SharedSourceReads(int blockSize, int windowBlocks, long maxLagMillis, IntSupplier expectedCopies) {
        this(blockSize, windowBlocks, maxLagMillis, expectedCopies, CopyTuning.DEFAULT_CHUNK_SIZE);
    }

    /** @param chunkSize where the shared digests put their checkpoints and chunk hashes: push's chunk size */
    SharedSourceReads(int blockSize, int windowBlocks, long maxLagMillis, IntSupplier expectedCopies, long chunkSize) {
        if (blockSize <= 0 || windowBlocks < 2 || maxLagMillis < 0) throw new IllegalArgumentException("bad shared-read tuning");
        this.blockSize = blockSize;
        this.windowBlocks = windowBlocks;
        this.maxLagMillis = maxLagMillis;
        this.expectedCopies = expectedCopies;
        this.chunkSize = chunkSize;
    }

    /** 4 MiB blocks (push's own read size, so each read is one block), 8 in the window (32 MiB per file), 2 s of lag. */
    public static SharedSourceReads standard(IntSupplier expectedCopies) {
        return new SharedSourceReads(BLOCK, 8, 2_000, expectedCopies);
    }

    /** Bytes read from source files: once for a group, plus what copies that left their group read alone. */
    public long bytesRead() {
        return readOnce.get() + readAlone.get();
    }

    /** Of {@link #bytesRead()}, what copies read alone (they lagged, or came after the window moved on). */
    public long bytesReadAlone() {
        return readAlone.get();
    }

    /** Bytes hashed: once for a group, plus what copies that left their group hashed alone. */
    public long bytesHashed() {
        return hashedOnce.get() + hashedAlone.get();
    }

    /** Bytes handed to copies: what they would have read each for itself. */
    public long bytesDelivered() {
        return delivered.get();
    }

    private record Key(Object file, long size, FileTime modified) {
    }

    /** A copy's reader as push sees it: whether its bytes came from the group, and the group's digests of them. */
    interface SharedCopy extends ReadableFile {
        /** The group's digests; their block size is {@link #blockSize()}. */
        GroupDigests digests();

        int blockSize();

        /** Whether every byte before {@code end} was taken from the group. */
        boolean fromGroup(long end);

        /** The copy hashed {@code bytes} itself (it left the group). */
        void hashedAlone(long bytes);
    }

    @Override
    public ReadableFile open(Path source) throws IOException {
        var attrs = Files.readAttributes(source, BasicFileAttributes.class);
        var key = new Key(attrs.fileKey() != null ? attrs.fileKey() : source.toRealPath(), attrs.size(), attrs.lastModifiedTime());
        Group group;
        synchronized (groups) {
            group = groups.get(key);
            if (group == null) {
                group = new Group(key, FileChannel.open(source, StandardOpenOption.READ), new GroupDigests(key.size(), chunkSize));
                groups.put(key, group);
            }
            group.users++;
            var copy = new Copy(group, source);
            // counted and placed in one step: a leader must never see the count without the copy's place
            group.join(copy);
            return copy;
        }
    }

    private void leave(Group group) throws IOException {
        synchronized (groups) {
            if (--group.users > 0) return;
            groups.remove(group.key);
        }
        group.channel.close();
        group.giveBuffersBack();
    }

    /** A block in the window; pinned while a copy copies out of it, so that it is never reused under that copy. */
    private static final class Block {
        final ByteBuffer bytes;
        int pins;

        Block(ByteBuffer bytes) {
            this.bytes = bytes;
        }
    }

    /** The copies of one source file and the window of blocks they share. */
    private final class Group {
        final Key key;
        final FileChannel channel;
        final GroupDigests digests;
        int users;
        /** Copies that opened the file in this group so far. */
        int joined;
        final long created = System.nanoTime();
        private final TreeMap<Long, Block> window = new TreeMap<>();
        private final Set<Long> loading = new HashSet<>();
        /** Buffers of blocks that left the window: direct, reused, so a run allocates at most a window's worth. */
        private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
        /** Each copy in the group and the block it needs next. */
        private final Map<Copy, Long> next = new HashMap<>();
        /** Blocks below this have left the window. */
        private long kept;

        Group(Key key, FileChannel channel, GroupDigests digests) {
            this.key = key;
            this.channel = channel;
            this.digests = digests;
        }

        /** The group is over: its blocks go back to the process's budget for the next push or group. */
        synchronized void giveBuffersBack() {
            window.values().forEach(b -> ProcessBuffers.give(b.bytes));
            window.clear();
            spare.forEach(ProcessBuffers::give);
            spare.clear();
        }

        /**
         * Copies bytes of block {@code index} from {@code offset} into {@code dst}: their count, 0 past the end of what
         * the group read, or -1 when the copy has left the group and must read for itself.
         */
        int copy(Copy copy, long index, int offset, ByteBuffer dst) throws IOException {
            Block b = pin(copy, index);
            if (b == null) return -1;
            try {
                ByteBuffer view = b.bytes.duplicate();
                int n = Math.max(0, Math.min(dst.remaining(), view.limit() - offset));
                if (n > 0) dst.put(view.position(offset).limit(offset + n));
                return n;
            } finally {
                synchronized (this) {
                    b.pins--;
                    notifyAll();
                }
            }
        }

        /** Block {@code index}, pinned for {@code copy}; null when the copy has left the group. */
        private Block pin(Copy copy, long index) throws IOException {
            long waitedSince = 0;
            synchronized (this) {
                while (true) {
                    if (copy.alone) return null;
                    Long before = next.put(copy, index);
                    // only a copy that moved on can let a waiting leader go; waking everyone on every turn would spin
                    if (before == null || before != index) notifyAll();
                    Block b = window.get(index);
                    if (b != null) {
                        b.pins++;
                        return b;
                    }
                    if (index < kept) {
                        leaveGroup(copy);
                        return null;
                    }
                    if (loading.contains(index)) {
                        waitQuietly(100);
                        continue;
                    }
                    if (window.size() + loading.size() >= windowBlocks && !window.isEmpty()) {
                        long oldest = window.firstKey();
                        // clients that have not reached this file yet (they started their push a moment later)
                        boolean joinersDue = joined < expectedCopies.getAsInt() && (System.nanoTime() - created) / 1_000_000 < maxLagMillis;
                        boolean someoneNeedsIt = next.entrySet().stream().anyMatch(e -> e.getKey() != copy && e.getValue() <= oldest);
                        if (joinersDue || window.get(oldest).pins > 0) {
                            waitQuietly(20);
                            continue;
                        }
                        if (someoneNeedsIt) {
                            long now = System.nanoTime();
                            if (waitedSince == 0) waitedSince = now;
                            if ((now - waitedSince) / 1_000_000 < maxLagMillis) {
                                waitQuietly(50);
                                continue;
                            }
                            // the laggards held the group up long enough: they read for themselves from now on
                            next.entrySet().removeIf(e -> {
                                if (e.getKey() != copy && e.getValue() <= oldest) {
                                    e.getKey().alone = true;
                                    return true;
                                }
                                return false;
                            });
                        }
                        spare.push(window.remove(oldest).bytes);
                        kept = Math.max(kept, oldest + 1);
                        continue;
                    }
                    loading.add(index);
                    break;
                }
            }
            Block b = null;
            try {
                b = new Block(readBlock(index));
                absorbInOrder(index, b.bytes);
                return b;
            } finally {
                synchronized (this) {
                    loading.remove(index);
                    if (b != null) {
                        window.put(index, b);
                        b.pins++;
                    }
                    notifyAll();
                }
            }
        }

        /**
         * Hashes the block into the group's digests before any copy sees it: after the block before it, when another
         * copy is reading that one now (else the digests end here, see {@link GroupDigests#absorb}).
         */
        private void absorbInOrder(long index, ByteBuffer bytes) {
            long start = index * blockSize;
            synchronized (this) {
                while (index > 0 && loading.contains(index - 1) && !digests.covers(start)) waitQuietly(20);
            }
            if (digests.absorb(bytes, start)) hashedOnce.addAndGet(bytes.remaining());
        }

        private ByteBuffer readBlock(long index) throws IOException {
            long start = index * blockSize;
            ByteBuffer b;
            synchronized (this) {
                b = spare.isEmpty() ? null : spare.pop();
            }
            // a file of one small block (an index, a lab's image) takes a buffer of its tier, not a whole block
            if (b == null) b = ProcessBuffers.take(bufferFor(key.size()), true);
            b.clear().limit((int) Math.max(0, Math.min(blockSize, key.size() - start)));
            while (b.hasRemaining()) {
                int n = channel.read(b, start + b.position());
                if (n < 0) break; // shorter than it was: the copies' fingerprint checks report it
                readOnce.addAndGet(n);
            }
            return b.flip();
        }

        /** The buffer size for the blocks of a file of {@code size} bytes: a file of at most 1 MiB is one block of its tier. */
        private int bufferFor(long size) {
            if (size <= BufferPool.TINY_FILE) return Math.min(blockSize, BufferPool.TINY_FILE);
            if (size <= BufferPool.MEDIUM_FILE) return Math.min(blockSize, BufferPool.MEDIUM_FILE);
            return blockSize;
        }

        /** A copy that opened the file is expected at its start (push reads from 0, or from where a resume begins, soon after). */
        synchronized void join(Copy copy) {
            joined++;
            next.put(copy, 0L);
        }

        private void leaveGroup(Copy copy) {
            copy.alone = true;
            next.remove(copy);
            notifyAll();
        }

        synchronized void closed(Copy copy) {
            next.remove(copy);
            notifyAll();
        }

        private void waitQuietly(long millis) {
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a shared read", e);
            }
        }
    }

    /** One copy's reader: blocks from its group while it keeps up, its own channel once it does not. */
    private final class Copy implements SharedCopy {
        private final Group group;
        private final Path source;
        private FileChannel own;
        volatile boolean alone;
        /** The bytes before this were all taken from the group. */
        private volatile long fromGroup;

        Copy(Group group, Path source) {
            this.group = group;
            this.source = source;
        }

        /** The size the group was opened for: a file that changes size is a different group (and a changed source). */
        @Override
        public long size() {
            return group.key.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            if (!dst.hasRemaining()) return 0;
            long index = position / blockSize;
            int n = alone ? -1 : group.copy(this, index, (int) (position - index * blockSize), dst);
            // left the group, or past what the group read (the end, or a file that grew): the channel says
            if (n <= 0) return readAlone(dst, position);
            if (position == fromGroup) fromGroup = position + n;
            delivered.addAndGet(n);
            return n;
        }

        @Override
        public GroupDigests digests() {
            return group.digests;
        }

        @Override
        public int blockSize() {
            return blockSize;
        }

        @Override
        public boolean fromGroup(long end) {
            return end <= fromGroup;
        }

        @Override
        public void hashedAlone(long bytes) {
            hashedAlone.addAndGet(bytes);
        }

        private int readAlone(ByteBuffer dst, long position) throws IOException {
            if (own == null) own = FileChannel.open(source, StandardOpenOption.READ);
            int n = own.read(dst, position);
            if (n > 0) {
                readAlone.addAndGet(n);
                delivered.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            group.closed(this);
            try {
                if (own != null) own.close();
            } finally {
                leave(group);
            }
        }
    }
}
