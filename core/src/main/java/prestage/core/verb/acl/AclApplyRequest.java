package prestage.core.verb.acl;

/**
 * {@code acl apply PATH ACL}.
 *
 * @param acl     SDDL, icacls grants, a cacls listing, {@code @FILE} or a profile name; parsed by the verb
 * @param protect cut (true) or keep (false) inherited entries; null: as the ACL says, else as {@code path} is now
 * @param force   also write a DACL that grants no one access, which is refused otherwise
 */
public record AclApplyRequest(String path, String acl, Boolean protect, boolean force) {
    /** Not forced: the usual request of recipes and the console. */
    public AclApplyRequest(String path, String acl, Boolean protect) {
        this(path, acl, protect, false);
    }
}
