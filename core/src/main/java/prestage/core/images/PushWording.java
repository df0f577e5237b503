package prestage.core.images;

import prestage.core.OptionWords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/** Puts what push decided and did into words: the step's message, its diff lines and its JSON data. */
final class PushWording {
    private static final String VERB = "push";

    private PushWording() {
    }

    static Step step(PushResult r) {
        boolean whatIf = r.whatIf();
        var diff = new ArrayList<String>();
        if (r.newFolder() != null) diff.add("+ " + r.newFolder());
        var byName = new LinkedHashMap<String, PushVerb.FileResult>();
        r.results().forEach(f -> byName.put(f.plan().name(), f));
        int inPlace = 0;
        int written = 0;
        long bytes = 0;
        var failures = new ArrayList<String>();
        var outcomes = new PushVerb.FileResult[r.plans().size()];
        for (int i = 0; i < outcomes.length; i++) {
            FilePlan p = r.plans().get(i);
            PushVerb.FileResult f = byName.getOrDefault(p.name(), PushVerb.FileResult.of(p));
            outcomes[i] = f;
            if (f.error() != null) {
                failures.add(p.name() + ": " + f.error());
                continue;
            }
            switch (p.action()) {
                case IN_PLACE -> inPlace++;
                case RECORD -> {
                    inPlace++;
                    diff.add("~ " + p.name() + ": already in place, " + (whatIf ? "would be " : "") + "recorded in " + Manifest.SUMS);
                }
                case COPY -> diff.add("+ " + p.name() + " (" + Sizes.bytes(p.source().size()) + ")");
                case REPLACE -> diff.add("~ " + p.name() + " (" + Sizes.bytes(p.source().size()) + ", replaces a different file"
                        + (p.replacesReadOnly() ? " marked read-only" : "") + ")");
                case RESUME -> diff.add("+ " + p.name() + " (" + Sizes.bytes(p.source().size()) + ", resumes an interrupted copy: "
                        + Sizes.bytes(f.resumedFrom() >= 0 ? f.resumedFrom() : p.partBytes()) + " "
                        + (f.resumedFrom() >= 0 ? "kept after checking" : "there, to be checked") + ")");
                case FAILED -> { }
            }
            if (p.action().writesImage()) {
                written++;
                bytes += p.source().size();
            }
        }
        int planned = r.plans().size();
        if (r.manifestChanges() && (failures.size() < planned)) {
            diff.add((r.manifestExisted() ? "~ " : "+ ") + Manifest.SUMS + ", " + Manifest.SIDECAR);
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("to", r.to());
        data.put("manifest", r.manifest());
        data.put("jobs", r.jobs());
        data.put("files", fileData(outcomes));
        data.put("bytesCopied", whatIf ? 0 : bytes);
        if (!whatIf) data.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);

        String copiedText = files(written) + " (" + Sizes.bytes(bytes) + ")";
        String inPlaceText = inPlace + " already in place";
        Status status;
        String message;
        if (!failures.isEmpty()) {
            status = Status.FAILED;
            message = failures.size() + " of " + files(planned) + " failed: "
                    + String.join("; ", failures) + (written > 0 ? "; the others are in place and recorded" : "");
        } else if (diff.isEmpty()) {
            status = Status.OK;
            message = "all " + files(planned) + " in place in " + r.to() + ", " + Manifest.SUMS + " current";
        } else if (whatIf) {
            status = Status.CHANGED;
            message = "would copy " + copiedText + " to " + r.to() + "; " + inPlaceText;
        } else {
            status = Status.CHANGED;
            message = "copied " + copiedText + " to " + r.to() + " in " + Sizes.seconds(r.seconds()) + " (" + Sizes.rate(bytes, r.seconds())
                    + "); " + inPlaceText;
        }
        return new Step(VERB, r.to(), status, message, diff, data);
    }

    /** {@code 1 file}, {@code 2 files}. */
    static String files(int n) {
        return n + " file" + (n == 1 ? "" : "s");
    }

    /**
     * Each file's map made when it is read (as the JSON is written), not held: at 10,000 files the maps were a quarter of
     * everything push kept.
     */
    private static List<Map<String, Object>> fileData(PushVerb.FileResult[] outcomes) {
        return new java.util.AbstractList<>() {
            @Override
            public Map<String, Object> get(int i) {
                return data(outcomes[i], outcomes[i].plan().target().toString());
            }

            @Override
            public int size() {
                return outcomes.length;
            }
        };
    }

    private static Map<String, Object> data(PushVerb.FileResult f, String target) {
        FilePlan plan = f.plan();
        var m = new LinkedHashMap<String, Object>();
        m.put("name", plan.name());
        m.put("source", plan.source().path().toString());
        m.put("target", target);
        m.put("action", f.error() != null ? "failed" : switch (plan.action()) {
            case IN_PLACE -> "in place";
            case RECORD -> "recorded";
            case COPY -> "copied";
            case REPLACE -> "replaced";
            case RESUME -> "resumed";
            case FAILED -> "failed";
        });
        m.put("size", plan.source().size());
        if (f.sha256() != null) m.put("sha256", f.sha256());
        if (f.resumedFrom() >= 0) m.put("resumedFrom", f.resumedFrom());
        if (f.seconds() > 0) m.put("seconds", Math.round(f.seconds() * 1000) / 1000.0);
        if (f.error() != null) m.put("error", f.error());
        return m;
    }

    /** A push stopped by an I/O error, an interrupt, or another run holding the folder. */
    static Step stopped(String to, Exception e) {
        String message;
        // an I/O error can come after files were copied (a cut connection, a full disk): never claim nothing was
        if (e instanceof java.io.InterruptedIOException || e instanceof InterruptedException) {
            message = "push to " + to + " was interrupted; what was written is kept: run it again to resume";
        } else if (e instanceof IOException io) {
            message = "push to " + to + " stopped: " + PushPlanner.describe(io) + "; files copied before are kept and a partly"
                    + " copied one resumes: run push again";
        }
        else message = e.getMessage() + " (nothing was copied)"; // another run holds the folder, and the message names it
        return Step.failed(VERB, to, message);
    }

    static Step cannotWriteIn(String to) {
        return refused(to, cannotWriteInText(to));
    }

    static String cannotWriteInText(String to) {
        return "push: cannot write in " + to + ": permission denied; let the account running prestage write there (nothing was copied)";
    }

    /** A push stopped before its first byte, for the reason given (a sentence that says what to do). */
    static Step refused(String to, String why) {
        return Step.failed(VERB, to, why);
    }

    /** The read-only files push would replace without --force. */
    static String readOnlyRefused(List<String> locked) {
        boolean one = locked.size() == 1;
        return "push: " + String.join(", ", locked) + (one ? " is" : " are") + " marked read-only and differ" + (one ? "s" : "")
                + " from the source; give " + OptionWords.on("force") + " to replace " + (one ? "it" : "them") + " (nothing was copied)";
    }
}
