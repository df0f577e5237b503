package prestage.core.images;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The direct buffers of one run, allocated once: direct memory is released only when the garbage collector
 * gets round to it, so allocating per file would let a push of many files grow far past its working set.
 */
final class BufferPool {
    static final int ALIGNMENT = 64 << 10;
    /** A file up to this size is read into one small buffer: a push of thousands of 4 KiB files held 50 MiB of 4 MiB buffers. */
    static final int SMALL_FILE = 256 << 10;
    /** Most index files, and the test images of a lab, are this small: their buffers need not be a quarter MiB each. */
    static final int TINY_FILE = 64 << 10;
    private static final int SMALL_BUFFERS = 32;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final int bufferSize;
    private final int capacity;
    private int allocated;
    private BufferPool small;
    private BufferPool tiny;

    BufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        this.capacity = capacity;
    }

    /** Buffers for a file of {@code bytes}: {@code n} of the pool's, or one small buffer for a small file. */
    Lease leaseFor(long bytes, int n) throws InterruptedException {
        if (bytes <= TINY_FILE && bufferSize > TINY_FILE) return tinyPool().lease(1);
        if (bytes <= SMALL_FILE && bufferSize > SMALL_FILE) return smallPool().lease(1);
        return lease(n);
    }

    private synchronized BufferPool smallPool() {
        if (small == null) small = new BufferPool(SMALL_FILE, SMALL_BUFFERS);
        return small;
    }

    private synchronized BufferPool tinyPool() {
        if (tiny == null) tiny = new BufferPool(TINY_FILE, SMALL_BUFFERS);
        return tiny;
    }

    /** Waits until {@code n} buffers are free (all at once, so two borrowers cannot each hold half and wait forever). */
    Lease lease(int n) throws InterruptedException {
        if (n > capacity) throw new IllegalArgumentException(n + " buffers asked of a pool of " + capacity);
        synchronized (this) {
            while (free.size() + (capacity - allocated) < n) wait();
            var out = new ArrayList<ByteBuffer>(n);
            try {
                while (out.size() < n && !free.isEmpty()) out.add(free.pop());
                while (out.size() < n) {
                    out.add(allocate());
                    allocated++;
                }
            } catch (RuntimeException | Error e) { // out of direct memory: what was taken goes back, or the next borrower waits forever
                out.forEach(free::push);
                notifyAll();
                throw e;
            }
            return new Lease(out);
        }
    }

    /** Aligned so that O_DIRECT can write straight from it (filesystems ask for at most 4 KiB, some devices 64 KiB). */
    private ByteBuffer allocate() {
        int rounded = (bufferSize + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        return ByteBuffer.allocateDirect(rounded + ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, bufferSize);
    }

    private synchronized void giveBack(List<ByteBuffer> buffers) {
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
