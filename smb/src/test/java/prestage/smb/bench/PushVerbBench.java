package prestage.smb.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import prestage.core.run.Context;
import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.PushVerb;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;

/**
 * {@code prestage push SOURCE --to C:\TO} over SMB exactly as the verb runs it (part file, SHA-256 pipeline,
 * checkpoints, manifest), through SmbClient. {@code PushVerbBench smb://user@host:port/share SOURCE 'C:\TO'};
 * credentials as for --target (PRESTAGE_SMB_PASSWORD). Prints seconds, MiB/s and JVM CPU seconds.
 */
public final class PushVerbBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Step step;
        try (Client client = Clients.open(args[0], null)) {
            step = new PushVerb(new Context(client, new Outcome(false), Progress.NONE)).push(new PushRequest(List.of(args[1]), args[2], PushOptions.DEFAULTS));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long bytes = ((Number) step.data().getOrDefault("bytesCopied", 0L)).longValue();
        System.out.printf("status=%s bytes=%d seconds=%.3f mib_per_s=%.1f jvm_cpu_s=%.2f%n", step.status(), bytes, s, bytes / 1048576.0 / s,
                (os.getProcessCpuTime() - cpu0) / 1e9);
        if (step.status() == prestage.core.outcome.Status.FAILED) {
            System.err.println(step.message());
            System.exit(1);
        }
    }
}
