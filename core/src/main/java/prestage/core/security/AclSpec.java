package prestage.core.security;

import java.util.List;

/**
 * A desired ACL as the user gave it.
 *
 * @param descriptor what the text describes (for icacls and cacls text: just a DACL)
 * @param protect    whether the text asks for a protected DACL; null when its notation cannot say (icacls, cacls)
 * @param notation   {@code sddl}, {@code icacls}, {@code cacls} or {@code profile medv}, for messages
 */
public record AclSpec(SecurityDescriptor descriptor, Boolean protect, String notation) {

    /** The explicit ACEs the text asks for, in canonical order. */
    public List<Ace> explicitAces() {
        return CanonicalOrder.canonicalize(descriptor.dacl()).explicitAces();
    }

    /** ACEs the text marks inherited: they come from the parent, so applying ignores them. */
    public List<Ace> inheritedAces() {
        return descriptor.dacl().inheritedAces();
    }

    /** The expectation {@code acl diff} checks: explicit ACEs, and protection, owner and group where the text says. */
    public AclExpectation expectation() {
        return new AclExpectation(explicitAces(), protect, descriptor.owner(), descriptor.group(), null);
    }
}
