package prestage.core.verb.acl;

import java.util.List;

import prestage.core.security.AclDiff;

/**
 * What {@code acl diff} found, before it is put in words ({@link AclWording}).
 *
 * @param desiredSddl the ACL asked for, as SDDL (null when SDDL cannot say it)
 * @param currentSddl the path's descriptor, or null when it has none
 * @param inherited   the inherited ACEs the path has, which the comparison leaves to its parent
 */
record AclCompared(String subject, String store, String notation, String desiredSddl, String currentSddl, List<String> inherited,
                   AclDiff diff) {
}
