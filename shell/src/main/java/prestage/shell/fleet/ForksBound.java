package prestage.shell.fleet;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.UnixOperatingSystemMXBean;

import prestage.core.images.ProcessBuffers;
import prestage.core.images.SharedSourceReads;

/**
 * How many clients this process can run at once. Each client in flight holds open files and sockets (its folders, its
 * store's lock, the files it copies, its SMB connections) and, once the process's buffer budget is spent, a copy buffer
 * and a shared-read block of its own; beyond what the process may hold of either, clients would fail for want of them
 * (too many open files, out of direct memory) instead of waiting. Threads are no bound: a client's few threads are far
 * below any thread limit before these bind.
 *
 * @param openFiles     the process's limit of open files and sockets ({@code ulimit -n}), or -1 when unknown
 * @param directMemory  the most direct memory the JVM hands out ({@code -XX:MaxDirectMemorySize}, else the heap's maximum)
 * @param bufferBudget  the process's copy-buffer budget, shared by the clients in flight
 */
record ForksBound(long openFiles, long directMemory, long bufferBudget) {
    /** At most this many at once on any machine: 64 clients already keep more cores busy than an admin machine has. */
    static final int MOST = 64;
    /** Open files and sockets of one client in flight, with room to spare (measured: 2-4 on folder clients). */
    static final int FILES_PER_CLIENT = 16;
    /** Open files of the process itself: its jars, standard streams, the journal. */
    static final int FILES_OF_THE_PROCESS = 64;
    /** Beyond the budget a client in flight still gets one copy buffer and one shared-read block (with alignment). */
    static final long DIRECT_PER_CLIENT = 2L * (SharedSourceReads.BLOCK + (64 << 10));

    static ForksBound ofThisProcess() {
        long files = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) files = unix.getMaxFileDescriptorCount();
        long direct = Runtime.getRuntime().maxMemory();
        try {
            long set = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("MaxDirectMemorySize").getValue());
            if (set > 0) direct = set; // 0: the JVM's default, the heap's maximum
        } catch (RuntimeException e) {
            // another JVM: the heap's maximum is its default too
        }
        return new ForksBound(files, direct, ProcessBuffers.budgetBytes());
    }

    /** The most clients at once. */
    int most() {
        return (int) Math.max(1, Math.min(MOST, Math.min(byOpenFiles(), byDirectMemory())));
    }

    /** Why {@link #most()} is what it is, for the warning that caps --forks. */
    String why() {
        if (byOpenFiles() < MOST && byOpenFiles() <= byDirectMemory()) {
            return "each client holds up to " + FILES_PER_CLIENT + " open files and sockets, and this process may open " + openFiles
                    + " (ulimit -n)";
        }
        if (byDirectMemory() < MOST) {
            return "each client may hold " + (DIRECT_PER_CLIENT >> 20) + " MiB of copy buffers beyond the " + (bufferBudget >> 20)
                    + " MiB budget, and this JVM may hold " + (directMemory >> 20) + " MiB of them (-XX:MaxDirectMemorySize, else -Xmx)";
        }
        return "threads, sockets and copy buffers per client";
    }

    private long byOpenFiles() {
        return openFiles < 0 ? MOST : (openFiles - FILES_OF_THE_PROCESS) / FILES_PER_CLIENT;
    }

    private long byDirectMemory() {
        return (directMemory - bufferBudget) / DIRECT_PER_CLIENT;
    }
}
