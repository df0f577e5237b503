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
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final int bufferSize;
    private final int capacity;
    private int allocated;

    BufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        this.capacity = capacity;
    }

    /** Waits until {@code n} buffers are free (all at once, so two borrowers cannot each hold half and wait forever). */
    Lease lease(int n) throws InterruptedException {
        if (n > capacity) throw new IllegalArgumentException(n + " buffers asked of a pool of " + capacity);
        synchronized (this) {
            while (free.size() + (capacity - allocated) < n) wait();
            var out = new ArrayList<ByteBuffer>(n);
            while (out.size() < n && !free.isEmpty()) out.add(free.pop());
            while (out.size() < n) {
                out.add(ByteBuffer.allocateDirect(bufferSize));
                allocated++;
            }
            return new Lease(out);
        }
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
