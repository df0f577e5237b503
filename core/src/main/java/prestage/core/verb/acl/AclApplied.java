package prestage.core.verb.acl;

import java.util.List;

/**
 * What {@code acl apply} decided, before it is put in words ({@link AclWording}).
 *
 * @param store        where the client keeps descriptors (an xattr, Samba's, Windows)
 * @param notation     the notation the ACL was given in
 * @param sddl         the descriptor the path gets, or null when SDDL cannot say it
 * @param previousSddl the one it had, or null
 * @param aclLines     how the path's own ACL differs (empty when it is as asked)
 * @param aclChanges   the path's own descriptor is (or would be) written
 * @param children     items inside whose inherited ACEs are (or would be) recomputed
 */
record AclApplied(String subject, String store, boolean isProtected, String notation, String sddl, String previousSddl,
                  List<String> aclLines, boolean aclChanges, List<AclVerb.ChildUpdate> children, boolean whatIf) {
    AclApplied {
        aclLines = List.copyOf(aclLines);
        children = List.copyOf(children);
    }

    boolean changes() {
        return aclChanges || !children.isEmpty();
    }
}
