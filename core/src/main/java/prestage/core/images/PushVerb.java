package prestage.core.images;

import java.util.List;

import prestage.core.Context;
import prestage.core.outcome.Step;

/** The {@code push} verb: copy and hash image files into the store. */
public final class PushVerb {
    private final Context ctx;

    public PushVerb(Context ctx) {
        this.ctx = ctx;
    }

    public Step push(List<String> sources, String to, PushOptions options) {
        throw new UnsupportedOperationException("push arrives with issue 4");
    }
}
