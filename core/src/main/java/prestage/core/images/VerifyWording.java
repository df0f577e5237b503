package prestage.core.images;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/** Puts what verify found and did into words: the step's message, its diff lines and its JSON data. */
final class VerifyWording {
    private static final String VERB = "verify";

    private VerifyWording() {
    }

    static Step step(VerifyResult r) {
        var diff = new ArrayList<String>();
        var problems = new ArrayList<String>();
        var files = new ArrayList<Map<String, Object>>();
        int intact = 0;
        boolean unreadable = false;
        for (VerifyResult.CheckedFile c : r.files()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", c.entry().name());
            m.put("sha256", c.entry().sha256());
            String name = c.entry().name();
            if (c.intact()) {
                intact++;
                m.put("status", "ok");
            } else if (c.missing()) {
                m.put("status", "missing");
                diff.add("- " + name + " (missing)");
                problems.add(name + " is missing");
            } else {
                unreadable |= c.unreadable();
                m.put("status", c.unreadable() ? "unreadable" : "changed");
                String what = describeChange(c);
                if (c.firstBadChunk() >= 0) m.put("firstDifferentChunk", c.firstBadChunk());
                if (c.actualSha() != null) m.put("actualSha256", c.actualSha());
                if (c.problem() != null) m.put("problem", c.problem());
                diff.add("~ " + name + ": " + what);
                problems.add(name + " " + what);
            }
            if (r.marked().contains(name)) m.put("markedReadOnly", true);
            files.add(m);
        }
        for (String e : r.extras()) {
            diff.add("+ " + e + " (not in " + Manifest.SUMS + ")");
        }
        if (!r.extras().isEmpty()) problems.add(PushWording.files(r.extras().size()) + " not in " + Manifest.SUMS + ": " + String.join(", ", r.extras()));
        for (String n : r.marked()) diff.add("~ " + n + ": marked read-only"); // the message says "would"; the change is the same

        var data = new LinkedHashMap<String, Object>();
        data.put("dir", r.dir());
        data.put("manifest", r.manifest());
        data.put("files", files);
        data.put("extra", r.extras());
        data.put("bytes", r.bytes());
        data.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        if (r.readOnly()) {
            data.put("markedReadOnly", r.marked());
            data.put("notMarked", r.markFailures());
        }

        String checked = intact + " of " + PushWording.files(r.files().size()) + " intact ("
                + Sizes.bytes(r.bytes()) + " in " + Sizes.seconds(r.seconds()) + ", " + Sizes.rate(r.bytes(), r.seconds()) + ")";
        Status status;
        String message;
        if (unreadable || !r.markFailures().isEmpty()) {
            status = Status.FAILED;
            message = checked + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                    + (r.markFailures().isEmpty() ? "" : "; could not mark read-only: " + String.join(", ", r.markFailures()));
        } else if (!problems.isEmpty()) {
            status = Status.DRIFT;
            message = checked + "; " + String.join("; ", problems) + "; push again to repair";
        } else if (!r.marked().isEmpty()) {
            status = Status.CHANGED;
            message = checked + "; " + (r.whatIf() ? "would mark " : "marked ") + r.marked().size() + " read-only";
        } else {
            status = Status.OK;
            message = checked + (r.readOnly() ? ", all marked read-only" : "");
        }
        return new Step(VERB, r.dir(), status, message, diff, data);
    }

    private static String describeChange(VerifyResult.CheckedFile c) {
        if (c.problem() != null) return c.problem();
        if (c.firstBadChunk() >= 0) {
            var d = c.entry().details().orElseThrow();
            long from = c.firstBadChunk() * d.chunkSize();
            long to = Math.min(d.size(), from + d.chunkSize()) - 1;
            return String.format(Locale.ROOT, "content differs from chunk %d of %d on (first difference in bytes %d-%d)",
                    c.firstBadChunk(), d.checkpoints().size(), from, to);
        }
        return "content differs (SHA-256 " + c.actualSha() + ", " + Manifest.SUMS + " says " + c.entry().sha256()
                + (c.entry().details().isPresent() ? ")" : "; no checkpoints to say where)");
    }

    /** Under what-if, files an earlier push would copy cannot be read yet: what verify would do with them. */
    static Step wouldCheck(String dir, List<String> planned, boolean readOnly) {
        String what = "would check the " + planned.size() + " file(s) push would copy against " + Manifest.SUMS;
        if (!readOnly) return Step.ok(VERB, dir, what);
        var diff = new ArrayList<String>();
        for (String name : planned) diff.add("~ " + name + ": marked read-only");
        return Step.changed(VERB, dir, what + " and mark them read-only", diff);
    }

    /** A verify stopped by an I/O error, an interrupt, or another run holding the folder (the message names it). */
    static Step stopped(String dir, Exception e) {
        String message;
        if (e instanceof IOException io) message = "verify " + dir + " failed: " + PushPlanner.describe(io);
        else if (e instanceof InterruptedException) message = "verify " + dir + " was interrupted";
        else message = e.getMessage();
        return Step.failed(VERB, dir, message);
    }
}
