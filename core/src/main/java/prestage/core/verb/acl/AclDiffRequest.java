package prestage.core.verb.acl;

/** {@code acl diff PATH ACL}: compare {@code path} with {@code acl} (any notation {@link AclApplyRequest} takes). */
public record AclDiffRequest(String path, String acl) {
}
