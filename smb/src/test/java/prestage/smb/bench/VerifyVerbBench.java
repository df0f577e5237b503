package prestage.smb.bench;

import java.lang.management.ManagementFactory;

import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.core.images.VerifyRequest;
import prestage.core.images.VerifyVerb;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.run.Context;

/**
 * {@code prestage verify 'C:\DIR'} over SMB exactly as the verb runs it (chunks hashed on every core where the sidecar
 * has them), through SmbClient. {@code VerifyVerbBench smb://user@host:port/share 'C:\DIR'}; credentials as for
 * --target (PRESTAGE_SMB_PASSWORD). Prints seconds, MiB/s and JVM CPU seconds; exits 1 unless every file is intact.
 */
public final class VerifyVerbBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Step step;
        try (Client client = Clients.open(args[0], null)) {
            step = new VerifyVerb(new Context(client, new Outcome(false), Progress.NONE)).verify(new VerifyRequest(args[1], false));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long bytes = ((Number) step.data().getOrDefault("bytes", 0L)).longValue();
        System.out.printf("status=%s bytes=%d seconds=%.3f mib_per_s=%.1f jvm_cpu_s=%.2f%n", step.status(), bytes, s, bytes / 1048576.0 / s,
                (os.getProcessCpuTime() - cpu0) / 1e9);
        if (step.status() != Status.OK) {
            System.err.println(step.message());
            System.exit(1);
        }
    }
}
