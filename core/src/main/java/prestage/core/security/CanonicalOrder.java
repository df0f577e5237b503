package prestage.core.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Windows' canonical DACL order: explicit deny, explicit allow, then inherited ACEs (kept in the order the
 * parents gave them). Access checks stop at the first deny or allow that decides, so a DACL out of this
 * order grants something other than what it appears to grant.
 */
public final class CanonicalOrder {
    private CanonicalOrder() {
    }

    private static int rank(Ace ace) {
        if (ace.isInherited()) return 2;
        return ace.type().isDeny() ? 0 : 1;
    }

    public static boolean isCanonical(Acl acl) {
        return problem(acl).isEmpty();
    }

    /** The first ACE out of order, said in one line, or empty when the order is canonical. */
    public static Optional<String> problem(Acl acl) {
        if (acl == null) return Optional.empty();
        List<Ace> aces = acl.aces();
        for (int i = 1; i < aces.size(); i++) {
            Ace before = aces.get(i - 1);
            Ace ace = aces.get(i);
            if (rank(ace) < rank(before)) {
                return Optional.of("ACE " + (i + 1) + " (" + kind(ace) + " " + ace + ") comes after ACE " + i + " ("
                        + kind(before) + "); canonical order is explicit deny, explicit allow, inherited");
            }
        }
        return Optional.empty();
    }

    private static String kind(Ace ace) {
        return ace.isInherited() ? "inherited" : ace.type().isDeny() ? "explicit deny" : "explicit allow";
    }

    /** The same ACEs in canonical order; ACEs of one rank keep their relative order. */
    public static Acl canonicalize(Acl acl) {
        var aces = new ArrayList<>(acl.aces());
        aces.sort(Comparator.comparingInt(CanonicalOrder::rank));
        return new Acl(acl.revision(), aces);
    }
}
