package prestage.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import prestage.core.BadInputException;
import prestage.core.Context;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;

/** The {@code store} verb: the two folders under the image store, with their exact names. */
public final class StoreVerb {
    private final Context ctx;
    private final Profile profile;

    public StoreVerb(Context ctx, Profile profile) {
        this.ctx = ctx;
        this.profile = profile;
    }

    public Store store(String rootSpec) {
        Path base = ctx.target().resolve(rootSpec);
        if (Files.exists(base) && !Files.isDirectory(base)) {
            throw new BadInputException("store " + rootSpec + ": " + base + " is a file, not a folder; give the folder that holds the image store");
        }
        Path root = ctx.target().resolve(join(rootSpec, profile.storeFolder()));
        Path prestaged = ctx.target().resolve(join(join(rootSpec, profile.storeFolder()), profile.prestagedFolder()));
        for (Path p : List.of(root, prestaged)) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new BadInputException("store " + rootSpec + ": " + p + " is a file; move it away so the folder can be created");
            }
        }

        var diff = new ArrayList<String>();
        var missing = new ArrayList<Path>();
        if (!Files.isDirectory(base)) missing.add(base);
        for (Path p : List.of(root, prestaged)) {
            if (!Files.isDirectory(p)) {
                missing.add(p);
            } else {
                noteCase(p, p == root ? profile.storeFolder() : profile.prestagedFolder());
            }
        }
        for (Path p : missing) {
            String shown = ctx.target().clientPath(p);
            diff.add("+ " + shown + (shown.matches("^[A-Za-z]:\\\\.*") ? "\\" : "/"));
        }

        String rootClient = ctx.target().clientPath(root);
        String prestagedClient = ctx.target().clientPath(prestaged);
        Step step;
        if (missing.isEmpty()) {
            step = Step.ok("store", rootClient, "store layout present");
        } else if (ctx.whatIf()) {
            missing.forEach(ctx.plan()::willCreate);
            step = Step.changed("store", rootClient, "would create " + missing.size() + " folder(s)", diff);
        } else {
            try {
                Files.createDirectories(prestaged);
            } catch (IOException e) {
                step = Step.failed("store", rootClient, "cannot create " + prestaged + ": " + e.getMessage());
                return new Store(rootClient, prestagedClient, root, prestaged, ctx.record(step));
            }
            step = Step.changed("store", rootClient, "created " + missing.size() + " folder(s)", diff);
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("root", rootClient);
        data.put("prestaged", prestagedClient);
        data.put("localRoot", root.toString());
        data.put("localPrestaged", prestaged.toString());
        step = ctx.record(step.withData(data));
        return new Store(rootClient, prestagedClient, root, prestaged, step);
    }

    /** Windows finds a folder whatever its case; report a name that is not exactly the documented one. */
    private void noteCase(Path existing, String wanted) {
        String actual = existing.getFileName().toString();
        if (!actual.equals(wanted)) {
            ctx.warn("'" + ctx.target().clientPath(existing) + "' exists as '" + actual + "'; Windows treats it as '"
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
