package prestage.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --forks is capped by what the process can hold: open files, direct memory, and 64 on any machine. */
class ForksBoundTest {
    private static final long MIB = 1 << 20;

    @Test
    void aRoomyMachineRunsAtMost64() {
        var bound = new ForksBound(1 << 20, 6L << 30, 160 * MIB);
        assertEquals(64, bound.most());
        assertEquals("threads, sockets and copy buffers per client", bound.why());
        assertEquals(64, new ForksBound(-1, 6L << 30, 160 * MIB).most(), "an unknown open-file limit binds nothing");
    }

    @Test
    void anOpenFileLimitOf256Runs12() {
        var bound = new ForksBound(256, 6L << 30, 160 * MIB);
        assertEquals((256 - ForksBound.FILES_OF_THE_PROCESS) / ForksBound.FILES_PER_CLIENT, bound.most());
        assertEquals(12, bound.most());
        assertTrue(bound.why().contains("may open 256 (ulimit -n)"), bound.why());
    }

    @Test
    void aSmallDirectMemoryRunsWhatItHoldsBeyondTheBudget() {
        var bound = new ForksBound(1 << 20, 256 * MIB, 160 * MIB);
        assertEquals(96 * MIB / ForksBound.DIRECT_PER_CLIENT, bound.most());
        assertEquals(11, bound.most());
        assertTrue(bound.why().contains("this JVM may hold 256 MiB of them (-XX:MaxDirectMemorySize, else -Xmx)"), bound.why());
    }

    @Test
    void neverFewerThanOne() {
        assertEquals(1, new ForksBound(10, 100 * MIB, 160 * MIB).most());
    }
}
