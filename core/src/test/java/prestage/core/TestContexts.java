package prestage.core;

import java.nio.file.Path;

import prestage.core.outcome.Outcome;
import prestage.core.verb.Context;
import prestage.core.client.open.Clients;

/** Contexts over real folders for tests. */
public final class TestContexts {
    private TestContexts() {
    }

    /** {@code drive} stands for the client's C:\ . */
    public static Context folder(Path drive, boolean whatIf) {
        return new Context(Clients.open(drive.toString(), null), new Outcome(whatIf), Progress.NONE);
    }
}
