package prestage.core.registry;

import prestage.core.Context;
import prestage.core.outcome.Step;

/** The {@code registry} verb: get, set, delete, export. */
public final class RegistryVerb {
    private final Context ctx;

    public RegistryVerb(Context ctx) {
        this.ctx = ctx;
    }

    public String get(String key, String name, Integer view) {
        throw new UnsupportedOperationException("registry get arrives with issue 5");
    }

    public Step set(String key, String name, String value, String type, Integer view) {
        throw new UnsupportedOperationException("registry set arrives with issue 5");
    }

    public Step delete(String key, String name, Integer view) {
        throw new UnsupportedOperationException("registry delete arrives with issue 5");
    }

    public Step export(String key, String file, Integer view) {
        throw new UnsupportedOperationException("registry export arrives with issue 5");
    }
}
