package prestage.core.status;

import prestage.core.Context;
import prestage.core.outcome.Step;

/** The {@code status} verb: one look at a client. */
public final class StatusVerb {
    private final Context ctx;

    public StatusVerb(Context ctx) {
        this.ctx = ctx;
    }

    public Step status(String root) {
        throw new UnsupportedOperationException("status arrives with issue 6");
    }
}
