package prestage.core.security;

/**
 * What a place that keeps descriptors (a {@link SecurityBackend}, a client) does or needs on its own, so that verbs
 * neither do it twice nor leave it out. The defaults are those of a plain store: it computes nothing and needs nothing.
 */
public interface DescriptorDefaults {
    /** True when the store recomputes the inherited entries of children itself (Windows), so verbs must not. */
    default boolean propagatesInheritance() {
        return false;
    }

    /** The owner to store when neither the ACL nor the path names one; null when the store needs none. */
    default Sid defaultOwner() {
        return null;
    }

    /** The group to store when neither the ACL nor the path names one; null when the store needs none. */
    default Sid defaultGroup() {
        return null;
    }
}
