package prestage.core.images;

import prestage.core.Context;
import prestage.core.outcome.Step;

/** The {@code verify} verb: re-hash against the manifest, optionally mark read-only. */
public final class VerifyVerb {
    private final Context ctx;

    public VerifyVerb(Context ctx) {
        this.ctx = ctx;
    }

    public Step verify(String dir, boolean readOnly) {
        throw new UnsupportedOperationException("verify arrives with issue 4");
    }
}
