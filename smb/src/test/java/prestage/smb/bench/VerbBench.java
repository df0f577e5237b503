package prestage.smb.bench;

import java.lang.management.ManagementFactory;
import java.util.function.Function;

import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.verb.Context;

/** Runs one verb against a client address as the CLI would, and prints its seconds, MiB/s and the JVM's CPU seconds. */
final class VerbBench {
    private VerbBench() {
    }

    /**
     * @param bytesKey the step's data field with the bytes the verb moved
     * @param good     whether the run went as it should; when not, exit 1 with the step's message
     */
    static void run(String address, Function<Context, Step> verb, String bytesKey, java.util.function.Predicate<Status> good) throws Exception {
        long t0 = System.nanoTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Step step;
        try (Client client = Clients.open(address, null)) {
            step = verb.apply(new Context(client, new Outcome(false), Progress.NONE));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long bytes = ((Number) step.data().getOrDefault(bytesKey, 0L)).longValue();
        System.out.printf("status=%s bytes=%d seconds=%.3f mib_per_s=%.1f jvm_cpu_s=%.2f%n", step.status(), bytes, s, bytes / 1048576.0 / s,
                (os.getProcessCpuTime() - cpu0) / 1e9);
        if (!good.test(step.status())) {
            System.err.println(step.message());
            System.exit(1);
        }
    }
}
