package prestage.smb.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import prestage.core.Progress;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.verb.msi.MsiRunLimits;
import prestage.core.verb.msi.MsiVerb;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;
import prestage.core.verb.Context;
import prestage.smb.connect.SmbAddress;
import prestage.smb.SmbClient;
import prestage.smb.connect.SmbCredentials;
import prestage.smb.share.SmbShare;
import prestage.core.client.ServiceChanges;

/**
 * Runs {@code msi PACKAGE VMSFOLDER=... --run} against a client over SMB, as the verbs do: in the test JVM, or (main) in
 * a JVM of its own that a test can kill.
 */
public final class MsiRunner {
    private MsiRunner() {
    }

    public static SmbClient open(String url, String password, ServiceChanges changes) {
        var address = SmbAddress.parse(url);
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, password));
        return new SmbClient(SmbShare.connect(address, creds, SmbShare.defaultConfig()), null, changes,
                () -> SmbShare.connect(address, creds, SmbShare.defaultConfig()));
    }

    public static Outcome run(SmbClient client, Path msi, Path log, MsiRunLimits limits, boolean whatIf) {
        var outcome = new Outcome(whatIf);
        var props = new LinkedHashMap<String, String>();
        props.put("VMSFOLDER", "C:\\MED-V Images");
        props.put("START_MEDV", "0");
        new MsiVerb(new Context(client, outcome, Progress.NONE), limits)
                .build(new MsiRequest(msi.toString(), props, false, log == null ? null : log.toString(), false, true, Optional.empty()));
        return outcome;
    }

    /** URL PASSWORD PACKAGE LOG: prints each step, then "DONE". */
    public static void main(String[] args) throws IOException {
        try (SmbClient client = open(args[0], args[1], ServiceChanges.ALLOWED)) {
            Outcome o = run(client, Path.of(args[2]), Path.of(args[3]), new MsiRunLimits(Duration.ofMinutes(5), 0, Duration.ZERO), false);
            for (Step s : o.steps()) System.out.println(s.status() + " " + s.message());
        }
        System.out.println("DONE");
    }
}
