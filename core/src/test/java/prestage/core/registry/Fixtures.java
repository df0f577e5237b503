package prestage.core.registry;

import java.nio.file.Path;

import prestage.core.verb.registry.RegistryVerb;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Outcome;
import prestage.core.client.open.Clients;

/** Contexts the way the faces build them: a target from --target and --registry, an outcome, no progress. */
public final class Fixtures {
    private Fixtures() {
    }

    /** No target (native paths), registry from the --registry spec. */
    public static Context withRegistry(String registrySpec, boolean whatIf) {
        return new Context(Clients.open(null, registrySpec), new Outcome(whatIf), Progress.NONE);
    }

    public static Context withHive(Path hive) {
        return withRegistry(hive.toString(), false);
    }

    public static Context folderTarget(Path drive, boolean whatIf) {
        return new Context(Clients.open(drive.toString(), null), new Outcome(whatIf), Progress.NONE);
    }

    public static RegistryVerb verb(Context ctx) {
        return new RegistryVerb(ctx);
    }
}
