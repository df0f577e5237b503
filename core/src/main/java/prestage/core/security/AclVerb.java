package prestage.core.security;

import prestage.core.Context;
import prestage.core.outcome.Step;

/** The {@code acl} verb: show, apply, diff. */
public final class AclVerb {
    private final Context ctx;

    public AclVerb(Context ctx) {
        this.ctx = ctx;
    }

    public Step apply(String path, String acl, Boolean protect) {
        throw new UnsupportedOperationException("acl apply arrives with issue 3");
    }

    public String show(String path, String format) {
        throw new UnsupportedOperationException("acl show arrives with issue 3");
    }

    public Step diff(String path, String acl) {
        throw new UnsupportedOperationException("acl diff arrives with issue 3");
    }
}
