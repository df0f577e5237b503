package prestage.smb.bench;

import java.util.List;

import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.PushVerb;
import prestage.core.outcome.Status;

/**
 * {@code prestage push SOURCE --to C:\TO} over SMB exactly as the verb runs it (part file, SHA-256 pipeline,
 * checkpoints, manifest), through SmbClient. {@code PushVerbBench smb://user@host:port/share SOURCE 'C:\TO'};
 * credentials as for --target (PRESTAGE_SMB_PASSWORD). Prints seconds, MiB/s and JVM CPU seconds.
 */
public final class PushVerbBench {
    public static void main(String[] args) throws Exception {
        VerbBench.run(args[0], ctx -> new PushVerb(ctx).push(new PushRequest(List.of(args[1]), args[2], PushOptions.DEFAULTS)),
                "bytesCopied", status -> status != Status.FAILED);
    }
}
