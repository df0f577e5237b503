package prestage.core.verb.acl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import prestage.core.client.ClientPath;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/** Puts what the acl verb decided into words: the step's message, its diff lines and its JSON data. */
final class AclWording {
    private static final String VERB = "acl";
    /** Child updates listed one per line before the rest are summed up. */
    private static final int CHILD_LINES = 20;

    private AclWording() {
    }

    static Step applied(AclApplied r) {
        Map<String, Object> data = data(r);
        String protection = r.isProtected() ? "protected" : "not protected";
        if (!r.changes()) {
            return Step.ok(VERB, r.subject(), "ACL in desired state (" + protection + ")").withData(data);
        }
        boolean w = r.whatIf();
        boolean own = r.aclChanges();
        String what = (own ? (w ? "would set" : "set") + " the ACL (" + protection + ")" : "")
                + (r.children().isEmpty() ? "" : (own ? (w ? " and update" : " and updated") : (w ? "would update" : "updated"))
                + " the inherited ACEs of " + r.children().size() + " item(s) inside");
        return Step.changed(VERB, r.subject(), what, lines(r)).withData(data);
    }

    /** The path's ACL was written, one item inside could not be: what is left is said, with the lines of the whole change. */
    static Step childNotUpdated(AclApplied r, ClientPath child, String error) {
        return new Step(VERB, r.subject(), Status.FAILED, "set the ACL of " + r.subject() + " but could not update " + child + ": " + error,
                lines(r), data(r));
    }

    static Step cannotApply(String subject, String store, String error) {
        return Step.failed(VERB, subject, "cannot apply the ACL to " + subject + " through " + store + ": " + error);
    }

    static Step compared(AclCompared r) {
        var data = fields("path", r.subject(), "store", r.store(), "acl", r.notation(),
                "desiredSddl", r.desiredSddl(), "currentSddl", r.currentSddl(), "inherited", r.inherited());
        if (r.diff().inDesiredState()) {
            return Step.ok(VERB, r.subject(), "in desired state").withData(data);
        }
        return new Step(VERB, r.subject(), Status.DRIFT, "differs from the desired ACL (" + r.diff().changes().size()
                + " difference(s))", r.diff().lines(), data);
    }

    static Step unreadable(String subject, String error) {
        return new Step(VERB, subject, Status.DRIFT, "the stored descriptor is unreadable", List.of("~ " + error), Map.of("path", subject));
    }

    static Step cannotRead(String subject, String error) {
        return Step.failed(VERB, subject, "cannot read the ACL of " + subject + ": " + error);
    }

    private static Map<String, Object> data(AclApplied r) {
        return fields("path", r.subject(), "store", r.store(), "protected", r.isProtected(), "acl", r.notation(),
                "sddl", r.sddl(), "previousSddl", r.previousSddl(), "childrenUpdated", r.children().size());
    }

    /** The step's JSON fields in the order given (names and values alternate); a null value is kept, as null. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        var data = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return data;
    }

    private static List<String> lines(AclApplied r) {
        var lines = new ArrayList<>(r.aclLines());
        var children = r.children();
        for (int i = 0; i < children.size() && i < CHILD_LINES; i++) {
            AclVerb.ChildUpdate c = children.get(i);
            String where = c.path().toString();
            int inherited = c.next().dacl().inheritedAces().size();
            lines.add(c.current() == null ? "+ " + where + ": NT ACL with " + inherited + " inherited ACE(s)"
                    : c.reset() ? "~ " + where + ": reset to inherit " + inherited + " ACE(s) (its protected DACL was set by no Windows tool)"
                    : "~ " + where + ": inherited ACEs recomputed (" + inherited + " now)");
        }
        if (children.size() > CHILD_LINES) lines.add("~ ... and " + (children.size() - CHILD_LINES) + " more item(s) inside");
        return lines;
    }
}
