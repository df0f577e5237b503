package prestage.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.core.client.local.platform.Libc;

/** What the C library keeps of freed memory goes back to the system while a fleet runs: the kernel's count of resident pages says so. */
@EnabledOnOs(OS.LINUX)
class NativeHeapTrimTest {
    private interface LibC extends Library {
        Pointer malloc(long size);

        void free(Pointer p);
    }

    private static final int BLOCKS = 20_000;
    private static final int BLOCK = 4096; // below the mmap threshold: from the heap's arena, as the JVM's small allocations are

    @Test
    void memoryFreedInTheMiddleOfTheHeapGoesBackToTheSystem() throws Exception {
        LibC libc = Libc.load(LibC.class);
        var blocks = new Pointer[BLOCKS + 1];
        for (int i = 0; i <= BLOCKS; i++) {
            blocks[i] = libc.malloc(BLOCK);
            blocks[i].setMemory(0, BLOCK, (byte) 1); // resident
        }
        // all but the last freed: the free space lies below a block in use, where free() alone never gives it back
        for (int i = 0; i < BLOCKS; i++) libc.free(blocks[i]);
        long held = residentKib();
        try (var trim = NativeHeapTrim.every(50)) {
            assertTrue(trim.active(), "glibc has malloc_trim");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (trim.trims() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            long after = residentKib();
            assertTrue(held - after >= BLOCKS * (BLOCK / 1024) / 2,
                    "resident " + held + " KiB with " + BLOCKS * BLOCK / 1024 + " KiB freed, " + after + " KiB after " + trim.trims() + " trims");
        } finally {
            libc.free(blocks[BLOCKS]);
        }
    }

    private static long residentKib() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }
}
