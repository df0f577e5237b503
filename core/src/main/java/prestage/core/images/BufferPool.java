package prestage.core.images;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The direct buffers of one run, taken once from the process's budget ({@link ProcessBuffers}) and given back to it by
 * {@link #close()}: direct memory is released only when the garbage collector gets round to it, so allocating per
 * file (or per client of a fleet) would let memory grow far past the working set.
 */
final class BufferPool implements AutoCloseable {
    static final int ALIGNMENT = 64 << 10;
    /** A file up to this size is read into one small buffer: a push of thousands of 4 KiB files held 50 MiB of 4 MiB buffers. */
    static final int SMALL_FILE = 256 << 10;
    /** Most index files, and the test images of a lab, are this small: their buffers need not be a quarter MiB each. */
    static final int TINY_FILE = 64 << 10;
    /**
     * A file up to this size (an image of a lab, a fleet's test image) takes one buffer of its size rounded up: a fleet
     * of 20 clients at once held 80 MiB of 4 MiB buffers for 1 MiB images.
     */
    static final int MEDIUM_FILE = 1 << 20;
    private static final int SMALL_BUFFERS = 32;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final int bufferSize;
    private final int capacity;
    private int allocated;
    private BufferPool small;
    private BufferPool tiny;
    private BufferPool medium;
    private boolean closed;

    BufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        this.capacity = capacity;
    }

    /** Buffers for a file of {@code bytes}: {@code n} of the pool's, or one small buffer for a small file. */
    Lease leaseFor(long bytes, int n) throws InterruptedException {
        BufferPool tier = tierFor(bytes);
        return tier == this ? lease(n) : tier.lease(1);
    }

    /**
     * The pool whose buffers fit a read of at most {@code bytes}: this one, or a pool of smaller buffers for a small
     * file (or a small chunk of one), so that a 1 MiB image never holds a 4 MiB buffer.
     */
    BufferPool tierFor(long bytes) {
        if (bytes <= TINY_FILE && bufferSize > TINY_FILE) return tinyPool();
        if (bytes <= SMALL_FILE && bufferSize > SMALL_FILE) return smallPool();
        if (bytes <= MEDIUM_FILE && bufferSize > MEDIUM_FILE) return mediumPool();
        return this;
    }

    private synchronized BufferPool smallPool() {
        if (small == null) small = new BufferPool(SMALL_FILE, SMALL_BUFFERS);
        return small;
    }

    private synchronized BufferPool mediumPool() {
        if (medium == null) medium = new BufferPool(MEDIUM_FILE, SMALL_BUFFERS);
        return medium;
    }

    private synchronized BufferPool tinyPool() {
        if (tiny == null) tiny = new BufferPool(TINY_FILE, SMALL_BUFFERS);
        return tiny;
    }

    /**
     * Waits until {@code n} buffers are free (all at once, so two borrowers cannot each hold half and wait forever).
     * When the process's budget is spent, the lease may hold fewer (at least one): the copy then reads less far ahead.
     */
    Lease lease(int n) throws InterruptedException {
        if (n > capacity) throw new IllegalArgumentException(n + " buffers asked of a pool of " + capacity);
        synchronized (this) {
            while (true) {
                while (free.size() + (capacity - allocated) < n) wait();
                var out = new ArrayList<ByteBuffer>(n);
                while (out.size() < n && !free.isEmpty()) out.add(free.pop());
                try {
                    while (out.size() < n) {
                        // the pool's first buffer is always had: a push never waits for another to finish
                        ByteBuffer b = ProcessBuffers.take(bufferSize, allocated == 0);
                        if (b == null) break;
                        out.add(b);
                        allocated++;
                    }
                } catch (RuntimeException | Error e) { // out of direct memory: what was taken goes back, or the next borrower waits forever
                    out.forEach(free::push);
                    notifyAll();
                    throw e;
                }
                if (!out.isEmpty()) return new Lease(out);
                wait(20); // the budget is spent and this pool lends all it has: one of its leases comes back soon
            }
        }
    }

    /** Gives the pool's buffers back to the process (those still lent go back as their lease closes). */
    @Override
    public void close() {
        BufferPool s;
        BufferPool t;
        BufferPool m;
        synchronized (this) {
            closed = true;
            free.forEach(ProcessBuffers::give);
            allocated -= free.size();
            free.clear();
            s = small;
            t = tiny;
            m = medium;
        }
        if (s != null) s.close();
        if (t != null) t.close();
        if (m != null) m.close();
    }

    private synchronized void giveBack(List<ByteBuffer> buffers) {
        if (closed) {
            buffers.forEach(ProcessBuffers::give);
            allocated -= buffers.size();
            return;
        }
        buffers.forEach(b -> free.push(b.clear()));
        notifyAll();
    }

    final class Lease implements AutoCloseable {
        private final List<ByteBuffer> buffers;
        private boolean closed;

        private Lease(List<ByteBuffer> buffers) {
            this.buffers = List.copyOf(buffers);
        }

        List<ByteBuffer> buffers() {
            return buffers;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            giveBack(buffers);
        }
    }
}
