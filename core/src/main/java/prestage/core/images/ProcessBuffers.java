package prestage.core.images;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's one budget of direct copy buffers, shared by every push in it (a fleet runs dozens at once, and a
 * thousand one after the other) and by the shared reads of a fleet. A buffer a push no longer needs comes back here and
 * is handed to the next one: direct memory is released only when the garbage collector gets round to it, so buffers
 * allocated per client would let a fleet's resident memory grow with the number of clients it has run, not with the
 * number it runs at once.
 * <p>
 * Within the budget a buffer is reused or allocated at once. Beyond it a borrower makes do with what it has, or waits
 * for buffers to come back, except for its first buffer ({@link #take(int, boolean)} with {@code floor}): every push gets
 * one, so none waits forever for another to finish. The most the process holds is therefore the budget, or one
 * buffer per push running at once if that is more.
 */
public final class ProcessBuffers {
    /** 160 MiB: a single push takes up to 48 MiB (12 buffers of 4 MiB), a fleet shares the rest. */
    static final long DEFAULT_BUDGET = Long.getLong("prestage.buffers.mib", 160) << 20;

    private static final Map<Integer, ArrayDeque<ByteBuffer>> FREE = new HashMap<>();
    private static long allocated;
    private static long budget = DEFAULT_BUDGET;

    private ProcessBuffers() {
    }

    /**
     * A buffer of exactly {@code size} bytes, aligned for O_DIRECT: a free one, else a new one while the budget allows,
     * else (with {@code floor}) a new one beyond it; null when none can be had now.
     */
    static synchronized ByteBuffer take(int size, boolean floor) {
        var free = FREE.get(size);
        if (free != null && !free.isEmpty()) return free.pop().clear();
        if (allocated + size > budget && !floor) return null;
        ByteBuffer b = allocate(size);
        allocated += size;
        return b;
    }

    /** Back for the next borrower; one beyond the budget is let go. */
    static synchronized void give(ByteBuffer b) {
        int size = b.capacity();
        if (allocated > budget) {
            allocated -= size;
            return;
        }
        FREE.computeIfAbsent(size, s -> new ArrayDeque<>()).push(b.clear());
        ProcessBuffers.class.notifyAll();
    }

    /** The budget in bytes: what the clients of a fleet share before each takes a buffer of its own (see FleetCommand's bound). */
    public static synchronized long budgetBytes() {
        return budget;
    }

    /** Bytes of buffers the process holds, lent or free. */
    static synchronized long allocated() {
        return allocated;
    }

    /** For tests: another budget, and what is free let go. */
    static synchronized void budget(long bytes) {
        budget = bytes;
        FREE.values().forEach(q -> q.forEach(b -> allocated -= b.capacity()));
        FREE.clear();
    }

    /** Aligned so that O_DIRECT can write straight from it (filesystems ask for at most 4 KiB, some devices 64 KiB). */
    private static ByteBuffer allocate(int size) {
        int rounded = (size + BufferPool.ALIGNMENT - 1) / BufferPool.ALIGNMENT * BufferPool.ALIGNMENT;
        return ByteBuffer.allocateDirect(rounded + BufferPool.ALIGNMENT).alignedSlice(BufferPool.ALIGNMENT).slice(0, size);
    }
}
