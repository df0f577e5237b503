package prestage.core.verb.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.verb.acl.NewFileSecurity;

/** The {@code store} verb: the two folders under the image store, with their exact names. */
public final class StoreVerb {
    private final Context ctx;
    private final Profile profile;

    public StoreVerb(Context ctx, Profile profile) {
        this.ctx = ctx;
        this.profile = profile;
    }

    public Store store(StoreRequest request) {
        String rootSpec = request.root();
        Client client = ctx.client();
        ClientPath base = client.path(rootSpec);
        ClientPath root = base.resolve(profile.storeFolder());
        ClientPath prestaged = root.resolve(profile.prestagedFolder());
        try {
            var missing = new ArrayList<ClientPath>();
            for (ClientPath p : List.of(base, root, prestaged)) {
                Optional<FileEntry> there = client.stat(p);
                if (there.isPresent() && !there.get().isFolder()) {
                    throw new BadInputException("store " + rootSpec + ": " + p + " is a file, not a folder; "
                            + (p == base ? "give the folder that holds the image store" : "move it away so the folder can be created"));
                }
                if (there.isEmpty()) {
                    missing.add(p);
                } else if (p != base) {
                    noteCase(p, there.get().name(), p == root ? profile.storeFolder() : profile.prestagedFolder());
                }
            }
            var created = missing.stream().map(ClientPath::asFolder).toList();
            if (!missing.isEmpty() && ctx.whatIf()) {
                missing.forEach(ctx.plan()::willCreate);
                missing.forEach(p -> NewFileSecurity.inherit(ctx, p));
            } else if (!missing.isEmpty()) {
                try {
                    for (ClientPath p : missing) {
                        client.makeFolder(p);
                        // as on Windows, a new folder starts with what its parent passes on, whatever the driver made up
                        NewFileSecurity.inherit(ctx, p);
                    }
                } catch (IOException e) {
                    Step failed = StoreWording.cannotCreate(root.toString(), prestaged.toString(), e.getMessage());
                    return new Store(root.toString(), prestaged.toString(), ctx.record(failed));
                }
            }
            Step step = ctx.record(StoreWording.layout(root.toString(), prestaged.toString(), created, ctx.whatIf()));
            return new Store(root.toString(), prestaged.toString(), step);
        } catch (IOException e) {
            Step step = ctx.record(StoreWording.cannotLook(root.toString(), e.getMessage()));
            return new Store(root.toString(), prestaged.toString(), step);
        }
    }

    /** Windows finds a folder whatever its case; report a name that is not exactly the documented one. */
    private void noteCase(ClientPath existing, String actual, String wanted) {
        if (!actual.equals(wanted)) {
            ctx.warn("'" + existing.parent().resolve(actual) + "' exists as '" + actual + "'; Windows treats it as '"
                    + wanted + "' (names are case-insensitive), so it is used as it is");
        }
    }

    /** {@code base} and a child name in {@code base}'s own notation (Windows or native). */
    public static String join(String base, String child) {
        boolean windows = base.matches("^[A-Za-z]:.*");
        String sep = windows ? "\\" : "/";
        return base.endsWith("\\") || base.endsWith("/") ? base + child : base + sep + child;
    }
}
