package prestage.core.security;

import java.util.List;

/**
 * What a path's descriptor should be, as far as it matters: the explicit ACEs, and optionally the protection,
 * owner, group and inherited ACEs (null = not compared: the ACL text did not say, or the parent decides).
 */
public record AclExpectation(List<Ace> explicitAces, Boolean protect, Sid owner, Sid group, List<Ace> inheritedAces) {

    public AclExpectation {
        explicitAces = List.copyOf(explicitAces);
        inheritedAces = inheritedAces == null ? null : List.copyOf(inheritedAces);
    }

    /** Everything {@code sd} says, compared: its ACEs, protection, owner and group. */
    public static AclExpectation exactly(SecurityDescriptor sd) {
        Acl dacl = sd.dacl() == null ? Acl.of(List.of()) : sd.dacl();
        return new AclExpectation(dacl.explicitAces(), sd.isDaclProtected(), sd.owner(), sd.group(), dacl.inheritedAces());
    }
}
