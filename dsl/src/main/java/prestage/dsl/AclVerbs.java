package prestage.dsl;

import java.util.Map;

import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.operations.Verbs;
import prestage.core.outcome.Step;

/** {@code acl.show(path)}, {@code acl.diff(path, acl)} and {@code acl.apply(path, acl, protect: true)} in recipes. */
public final class AclVerbs {
    private final Verbs verbs;

    AclVerbs(Verbs verbs) {
        this.verbs = verbs;
    }

    public String show(Object path) {
        return verbs.aclShow(new AclShowRequest(str(path)));
    }

    public String show(Map<String, Object> options, Object path) {
        return verbs.aclShow(new AclShowRequest(str(path), Grammar.ACL_SHOW.read(options).string("format", null)));
    }

    public Step diff(Object path, Object acl) {
        return verbs.aclDiff(new AclDiffRequest(str(path), str(acl)));
    }

    public Step apply(Object path, Object acl) {
        return verbs.aclApply(new AclApplyRequest(str(path), str(acl), null));
    }

    public Step apply(Map<String, Object> options, Object path, Object acl) {
        return apply(Grammar.ACL_APPLY, options, path, acl);
    }

    /** {@code acl path, acl, ...} and {@code acl.apply path, acl, ...}: one verb, named as the recipe called it. */
    Step apply(VerbForm form, Map<String, Object> options, Object path, Object acl) {
        var args = form.read(options);
        return verbs.aclApply(new AclApplyRequest(str(path), str(acl), args.bool("protect"), args.on("force")));
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
