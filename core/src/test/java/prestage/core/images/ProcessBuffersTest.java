package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * One buffer budget for the process: a thousand pushes one after the other reuse the same buffers (memory follows the
 * pushes in flight, not the pushes done), and pushes beyond the budget each still get one buffer.
 */
@Isolated
class ProcessBuffersTest {
    private static final int MIB = 1 << 20;

    @AfterEach
    void defaultBudget() {
        ProcessBuffers.budget(ProcessBuffers.DEFAULT_BUDGET);
    }

    @Test
    void aThousandPushesOneAfterTheOtherReuseTheSameBuffers() throws InterruptedException {
        ProcessBuffers.budget(64L * MIB);
        long before = ProcessBuffers.allocated();
        for (int i = 0; i < 1000; i++) {
            var pool = new BufferPool(4 * MIB, 12);
            try (var lease = pool.leaseFor(3L * MIB, 1); var medium = pool.leaseFor(MIB, 1); var tiny = pool.leaseFor(4096, 1)) {
                assertEquals(4 * MIB, lease.buffers().get(0).capacity());
                assertEquals(BufferPool.MEDIUM_FILE, medium.buffers().get(0).capacity(), "a 1 MiB file takes a 1 MiB buffer");
                assertEquals(BufferPool.TINY_FILE, tiny.buffers().get(0).capacity());
            }
            pool.close();
        }
        long held = ProcessBuffers.allocated() - before;
        assertEquals(4 * MIB + MIB + BufferPool.TINY_FILE, held, "one buffer of each size, reused by every push");
    }

    @Test
    void pushesBeyondTheBudgetEachGetOneBufferAndTheBudgetHoldsTheRest() throws InterruptedException {
        ProcessBuffers.budget(16L * MIB);
        var pools = new ArrayList<BufferPool>();
        var leases = new ArrayList<BufferPool.Lease>();
        for (int i = 0; i < 10; i++) {
            var pool = new BufferPool(4 * MIB, 12);
            pools.add(pool);
            var lease = pool.lease(8);
            assertTrue(lease.buffers().size() >= 1, "every push gets a buffer");
            leases.add(lease);
        }
        int lent = leases.stream().mapToInt(l -> l.buffers().size()).sum();
        assertTrue(lent <= 4 + 10, "the budget's 4 buffers and at most one more per push: " + lent);
        assertTrue(ProcessBuffers.allocated() <= 16L * MIB + 10L * 4 * MIB, ProcessBuffers.allocated() + " bytes");
        leases.forEach(BufferPool.Lease::close);
        pools.forEach(BufferPool::close);
    }
}
