package prestage.core.verb.store;

import java.util.LinkedHashMap;
import java.util.List;

import prestage.core.outcome.Step;

/** Puts what the store verb found and did into words: the step's message, its diff lines and its JSON data. */
final class StoreWording {
    private static final String VERB = "store";

    private StoreWording() {
    }

    /**
     * @param created the folders made (or, under what-if, to be made), each as a folder ({@code C:\X\}); empty when the
     *                layout was there
     */
    static Step layout(String root, String prestaged, List<String> created, boolean whatIf) {
        var diff = created.stream().map(p -> "+ " + p).toList();
        Step step = created.isEmpty() ? Step.ok(VERB, root, "store layout present")
                : Step.changed(VERB, root, (whatIf ? "would create " : "created ") + created.size() + " folder(s)", diff);
        var data = new LinkedHashMap<String, Object>();
        data.put("root", root);
        data.put("prestaged", prestaged);
        return step.withData(data);
    }

    static Step cannotCreate(String root, String prestaged, String error) {
        return Step.failed(VERB, root, "cannot create " + prestaged + ": " + error);
    }

    static Step cannotLook(String root, String error) {
        return Step.failed(VERB, root, "cannot look at " + root + ": " + error);
    }
}
