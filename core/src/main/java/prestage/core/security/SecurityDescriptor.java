package prestage.core.security;

/**
 * A security descriptor: control flags, owner, group, SACL and DACL (MS-DTYP 2.4.6).
 * {@code dacl == null} with {@link ControlFlag#DACL_PRESENT} set is a NULL DACL (everyone has full access);
 * without the flag there is no DACL at all. The canonical constructor keeps the PRESENT bits true to the ACLs.
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, Acl sacl, Acl dacl) {

    public SecurityDescriptor {
        if ((control & ~0xFFFF) != 0) throw new IllegalArgumentException("control is 16 bits: " + control);
        if (dacl != null) control |= ControlFlag.DACL_PRESENT.bit();
        if (sacl != null) control |= ControlFlag.SACL_PRESENT.bit();
        control |= ControlFlag.SELF_RELATIVE.bit(); // the only form this model reads and writes
    }

    /** A descriptor holding just a DACL, protected or not, marked auto-inherited as Windows marks the DACLs it sets. */
    public static SecurityDescriptor ofDacl(Acl dacl, boolean isProtected) {
        int control = ControlFlag.DACL_PRESENT.bit() | ControlFlag.DACL_AUTO_INHERITED.bit()
                | (isProtected ? ControlFlag.DACL_PROTECTED.bit() : 0);
        return new SecurityDescriptor(control, null, null, null, dacl);
    }

    /**
     * Same control flags, owner, group and ACE lists, whatever the ACL revisions: how descriptors written by
     * different tools compare (Samba writes ACL revision 4 where Windows writes 2).
     */
    public boolean sameStructure(SecurityDescriptor other) {
        return other != null && control == other.control && java.util.Objects.equals(owner, other.owner)
                && java.util.Objects.equals(group, other.group) && sameAces(sacl, other.sacl) && sameAces(dacl, other.dacl);
    }

    private static boolean sameAces(Acl a, Acl b) {
        return a == null ? b == null : b != null && a.aces().equals(b.aces());
    }

    public boolean has(ControlFlag flag) {
        return flag.in(control);
    }

    public boolean isDaclProtected() {
        return has(ControlFlag.DACL_PROTECTED);
    }

    public boolean hasNullDacl() {
        return dacl == null && has(ControlFlag.DACL_PRESENT);
    }

    public SecurityDescriptor withControl(int newControl) {
        return new SecurityDescriptor(newControl, owner, group, sacl, dacl);
    }

    public SecurityDescriptor withOwner(Sid newOwner) {
        return new SecurityDescriptor(control, newOwner, group, sacl, dacl);
    }

    public SecurityDescriptor withGroup(Sid newGroup) {
        return new SecurityDescriptor(control, owner, newGroup, sacl, dacl);
    }

    public SecurityDescriptor withDacl(Acl newDacl) {
        int c = newDacl == null ? control & ~ControlFlag.DACL_PRESENT.bit() : control;
        return new SecurityDescriptor(c, owner, group, sacl, newDacl);
    }

    public SecurityDescriptor withSacl(Acl newSacl) {
        int c = newSacl == null ? control & ~ControlFlag.SACL_PRESENT.bit() : control;
        return new SecurityDescriptor(c, owner, group, newSacl, dacl);
    }

    public SecurityDescriptor withProtected(boolean isProtected) {
        int c = isProtected ? control | ControlFlag.DACL_PROTECTED.bit() : control & ~ControlFlag.DACL_PROTECTED.bit();
        return withControl(c);
    }

    /** SDDL, for logs and messages (or the parts, when an ACE has no SDDL form). */
    @Override
    public String toString() {
        try {
            return Sddl.format(this);
        } catch (SecurityFormatException e) {
            return "SecurityDescriptor[control=" + String.format("0x%04x", control) + ", owner=" + owner + ", group=" + group
                    + ", sacl=" + sacl + ", dacl=" + dacl + "]";
        }
    }
}
