package prestage.smb.bench;

import prestage.core.images.VerifyRequest;
import prestage.core.images.VerifyVerb;
import prestage.core.outcome.Status;

/**
 * {@code prestage verify 'C:\DIR'} over SMB exactly as the verb runs it (chunks hashed on every core where the sidecar
 * has them), through SmbClient. {@code VerifyVerbBench smb://user@host:port/share 'C:\DIR'}; credentials as for
 * --target (PRESTAGE_SMB_PASSWORD). Prints seconds, MiB/s and JVM CPU seconds; exits 1 unless every file is intact.
 */
public final class VerifyVerbBench {
    public static void main(String[] args) throws Exception {
        VerbBench.run(args[0], ctx -> new VerifyVerb(ctx).verify(new VerifyRequest(args[1], false)), "bytes", status -> status == Status.OK);
    }
}
