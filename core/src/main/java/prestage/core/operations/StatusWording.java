package prestage.core.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/** Puts what status found about each aspect of a client, and their sum, into words. */
final class StatusWording {
    private static final String VERB = "status";

    private StatusWording() {
    }

    /** @param missing the store folders that are not there, as the client names them */
    static Step layout(String root, List<String> missing) {
        if (missing.isEmpty()) return Step.ok(VERB, root, "store layout present");
        return new Step(VERB, root, Status.DRIFT, "store layout missing (run: prestage store)", missing.stream().map(m -> "- " + m).toList(), Map.of());
    }

    /** An aspect whose check stopped (bad input, an unreadable file): drift of that aspect, not a failure of the run. */
    static Step notChecked(String subject, String why) {
        return new Step(VERB, subject, Status.DRIFT, why, List.of(), Map.of());
    }

    /** @param writable the image files not marked read-only, by name */
    static Step readOnlyMarks(String prestaged, int images, List<String> writable) {
        if (writable.isEmpty()) return Step.ok("read-only", prestaged, images + " image file(s) marked read-only");
        return new Step("read-only", prestaged, Status.DRIFT, writable.size() + " of " + images
                + " image file(s) not read-only (run: prestage verify --read-only)", writable.stream().map(n -> "~ " + n + " is writable").toList(),
                Map.of());
    }

    static Step cannotReadMarks(String prestaged, String error) {
        return Step.failed(VERB, prestaged, "cannot read the read-only marks: " + error);
    }

    static Step registryFailed(String subject, String error) {
        return Step.failed(VERB, subject, error);
    }

    static Step registryNotSet(String subject, int view, String prestaged) {
        return new Step("registry", subject, Status.DRIFT, "not set (view " + view + ")", List.of("+ " + prestaged), Map.of());
    }

    static Step registryNamesStore(String subject, String actual) {
        return Step.ok("registry", subject, actual);
    }

    static Step registryElsewhere(String subject, String actual, String prestaged) {
        return new Step("registry", subject, Status.DRIFT, "points elsewhere than the store", List.of("- " + actual, "+ " + prestaged), Map.of());
    }

    static Step installCommand(String msiPackage, String command) {
        return Step.ok("msi", msiPackage, command);
    }

    /** The sum of the aspects; returned, not recorded (see {@link StatusVerb}). */
    static Step summary(String root, List<Step> parts) {
        long drift = parts.stream().filter(s -> s.status() == Status.DRIFT).count();
        long failed = parts.stream().filter(s -> s.status() == Status.FAILED).count();
        Status status = failed > 0 ? Status.FAILED : drift > 0 ? Status.DRIFT : Status.OK;
        var data = new LinkedHashMap<String, Object>();
        data.put("checks", parts.size());
        data.put("drift", drift);
        data.put("failed", failed);
        long ok = parts.stream().filter(s -> s.status() == Status.OK).count();
        data.put("ok", ok);
        String message = status == Status.OK ? "client is prestaged (" + parts.size() + " checks ok)"
                : ok + " ok, " + drift + " drift, " + failed + " failed of " + parts.size() + " checks";
        return new Step(VERB, root, status, message, List.of(), data);
    }
}
