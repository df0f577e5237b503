package prestage.core.security;

import java.util.List;

/**
 * An access control list (MS-DTYP 2.4.5). Revision 2 for plain ACEs, 4 (ACL_REVISION_DS) once object ACEs
 * appear; Samba writes 4 where Windows writes 2, so compare ACLs by their entries, never by revision.
 */
public record Acl(int revision, List<Ace> aces) {
    public static final int REVISION = 2;
    public static final int REVISION_DS = 4;
    /** An ACL's size field is 16 bits, and so is its ACE count. */
    public static final int MAX_SIZE = 0xFFFF;

    public Acl {
        if (revision < 0 || revision > 0xFF) throw new IllegalArgumentException("ACL revision is one byte: " + revision);
        aces = List.copyOf(aces);
    }

    /** An ACL with the lowest revision its ACEs allow. */
    public static Acl of(List<Ace> aces) {
        boolean objects = aces.stream().anyMatch(a -> a.type().layout() == AceType.Layout.OBJECT);
        return new Acl(objects ? REVISION_DS : REVISION, aces);
    }

    public int byteLength() {
        return 8 + aces.stream().mapToInt(Ace::byteLength).sum();
    }

    public List<Ace> explicitAces() {
        return aces.stream().filter(a -> !a.isInherited()).toList();
    }

    public List<Ace> inheritedAces() {
        return aces.stream().filter(Ace::isInherited).toList();
    }
}
