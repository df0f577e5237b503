package prestage.core.security;

import java.util.ArrayList;
import java.util.List;

/**
 * What a child inherits from its parent's DACL, after MS-DTYP 2.5.3.4.2 (ComputeInheritedACLfromParent) and the
 * CREATOR OWNER / generic-rights split Windows applies to inherited ACEs:
 * <ul>
 * <li>a folder takes CI ACEs (as NP ones: effective only, no further inheritance) and keeps OI-only ACEs as
 *     inherit-only, so its files get them;</li>
 * <li>a file takes OI ACEs as plain effective ACEs;</li>
 * <li>every inherited ACE carries INHERITED_ACE (0x10);</li>
 * <li>an effective ACE naming CREATOR OWNER/GROUP or holding generic rights is made concrete (the child's owner or
 *     group, file rights); if it must still pass on, an inherit-only copy keeps the original form.</li>
 * </ul>
 */
public final class Inheritance {
    private static final int OI = AceFlag.OBJECT_INHERIT.bit();
    private static final int CI = AceFlag.CONTAINER_INHERIT.bit();
    private static final int NP = AceFlag.NO_PROPAGATE_INHERIT.bit();
    private static final int IO = AceFlag.INHERIT_ONLY.bit();
    private static final int ID = AceFlag.INHERITED.bit();
    /** Audit flags ride along with the ACE; inheritance does not touch them. */
    private static final int KEEP = AceFlag.SUCCESSFUL_ACCESS.bit() | AceFlag.FAILED_ACCESS.bit() | AceFlag.CRITICAL.bit();

    private Inheritance() {
    }

    /**
     * The ACEs a child inherits from {@code parentDacl}.
     *
     * @param owner the child's owner, substituted for CREATOR OWNER (kept as is when null)
     * @param group the child's group, substituted for CREATOR GROUP (kept as is when null)
     */
    public static List<Ace> inheritedAces(Acl parentDacl, boolean childIsContainer, Sid owner, Sid group) {
        var out = new ArrayList<Ace>();
        if (parentDacl == null) return out;
        for (Ace ace : parentDacl.aces()) {
            int f = ace.flags();
            boolean oi = (f & OI) != 0;
            boolean ci = (f & CI) != 0;
            boolean np = (f & NP) != 0;
            if (childIsContainer) {
                if (ci) {
                    int flags = np ? (f & KEEP) | ID : (f & ~(IO | ID)) | ID;
                    addConcrete(out, ace.withFlags(flags), owner, group);
                } else if (oi && !np) {
                    out.add(ace.withFlags((f & ~ID) | IO | ID));
                }
            } else if (oi) {
                addConcrete(out, ace.withFlags((f & KEEP) | ID), owner, group);
            }
        }
        return out;
    }

    private static void addConcrete(List<Ace> out, Ace ace, Sid owner, Sid group) {
        Sid sid = ace.sid();
        Sid concreteSid = sid;
        if (sid.equals(WellKnownSid.CREATOR_OWNER.sid()) && owner != null) concreteSid = owner;
        if (sid.equals(WellKnownSid.CREATOR_GROUP.sid()) && group != null) concreteSid = group;
        int concreteMask = AccessMask.mapGeneric(ace.mask());
        if (concreteSid.equals(sid) && concreteMask == ace.mask()) {
            out.add(ace);
            return;
        }
        boolean passesOn = (ace.flags() & (OI | CI)) != 0;
        out.add(new Ace(ace.type(), (ace.flags() & KEEP) | ID, concreteMask, concreteSid,
                ace.objectType(), ace.inheritedObjectType(), ace.applicationData()));
        if (passesOn) out.add(ace.withFlags(ace.flags() | IO));
    }

    /**
     * The child's descriptor once its parent is {@code parent}: a protected child is left alone; otherwise its
     * explicit ACEs stay first and its inherited ones are recomputed. {@code child} may be null (nothing stored yet).
     */
    public static SecurityDescriptor propagate(SecurityDescriptor parent, SecurityDescriptor child, boolean childIsContainer) {
        if (child != null && child.isDaclProtected()) return child;
        Sid owner = child == null ? null : child.owner();
        Sid group = child == null ? null : child.group();
        var aces = new ArrayList<Ace>();
        if (child != null && child.dacl() != null) aces.addAll(child.dacl().explicitAces());
        aces.addAll(inheritedAces(parent.dacl(), childIsContainer, owner, group));
        int control = (child == null ? 0 : child.control()) | ControlFlag.DACL_PRESENT.bit() | ControlFlag.DACL_AUTO_INHERITED.bit();
        return new SecurityDescriptor(control, owner, group, child == null ? null : child.sacl(), Acl.of(aces));
    }

    /** The descriptor a new file or folder gets inside {@code parent} when its creator names no DACL. */
    public static SecurityDescriptor forNewChild(SecurityDescriptor parent, boolean isContainer, Sid owner, Sid group) {
        var blank = new SecurityDescriptor(ControlFlag.DACL_PRESENT.bit(), owner, group, null, Acl.of(List.of()));
        return propagate(parent, blank, isContainer);
    }
}
