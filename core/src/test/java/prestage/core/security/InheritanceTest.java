package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** MS-DTYP 2.5.3.4 as docs/formats.md states it, and the cases around it. */
class InheritanceTest {
    private static final SecurityDescriptor MEDV = Sddl.parse(Vectors.MEDV_SDDL);
    private static final Sid OWNER = Sid.parse("S-1-5-21-1-2-3-1001");
    private static final Sid GROUP = Sid.parse("S-1-5-21-1-2-3-513");

    @Test
    void fileGetsEveryObjectInheritAceAsPlainInherited() {
        SecurityDescriptor file = Inheritance.forNewChild(MEDV, false, OWNER, GROUP);
        assertEquals(0x8404, file.control());
        assertEquals(List.of(Ace.allow(Vectors.AU, 0x12008D, 0x10), Ace.allow(Vectors.SY, 0x1F01FF, 0x10),
                Ace.allow(Vectors.BA, 0x1F01FF, 0x10)), file.dacl().aces());
    }

    @Test
    void folderKeepsPassingThemOn() {
        SecurityDescriptor folder = Inheritance.forNewChild(MEDV, true, OWNER, GROUP);
        assertEquals(List.of(Ace.allow(Vectors.AU, 0x12008D, 0x13), Ace.allow(Vectors.SY, 0x1F01FF, 0x13),
                Ace.allow(Vectors.BA, 0x1F01FF, 0x13)), folder.dacl().aces());
        // and a grandchild file sees the same as a child file
        assertEquals(Inheritance.forNewChild(MEDV, false, OWNER, GROUP).dacl(), Inheritance.forNewChild(folder, false, OWNER, GROUP).dacl());
    }

    @Test
    void inheritanceFlagsFollowTheRules() {
        Sid users = Sid.parse("S-1-5-32-545");
        Acl parent = Acl.of(List.of(
                Ace.allow(users, 0x1200A9, 0x01),        // OI: files; folders pass it on inherit-only
                Ace.allow(users, 0x100116, 0x02),        // CI: folders only
                Ace.allow(users, 0x10000, 0x07),         // OI CI NP: one level, no further
                Ace.deny(users, 0x40, 0x0A),             // CI IO: not on the folder itself before, effective on subfolders
                Ace.allow(users, 0x20, 0x00)));          // not inheritable
        assertEquals(List.of(
                Ace.allow(users, 0x1200A9, 0x19),
                Ace.allow(users, 0x100116, 0x12),
                Ace.allow(users, 0x10000, 0x10),
                Ace.deny(users, 0x40, 0x12)), Inheritance.inheritedAces(parent, true, OWNER, GROUP));
        assertEquals(List.of(
                Ace.allow(users, 0x1200A9, 0x10),
                Ace.allow(users, 0x10000, 0x10)), Inheritance.inheritedAces(parent, false, OWNER, GROUP));
    }

    @Test
    void creatorOwnerAndGenericRightsBecomeConcrete() {
        Acl parent = Sddl.parse("D:(A;OICIIO;GA;;;CO)(A;OICI;GR;;;BU)(A;OICIIO;GA;;;CG)").dacl();
        List<Ace> folder = Inheritance.inheritedAces(parent, true, OWNER, GROUP);
        assertEquals(List.of(
                Ace.allow(OWNER, 0x1F01FF, 0x10),
                Ace.allow(WellKnownSid.CREATOR_OWNER.sid(), 0x10000000, 0x1B),
                Ace.allow(Sid.parse("S-1-5-32-545"), 0x120089, 0x10),
                Ace.allow(Sid.parse("S-1-5-32-545"), 0x80000000, 0x1B),
                Ace.allow(GROUP, 0x1F01FF, 0x10),
                Ace.allow(WellKnownSid.CREATOR_GROUP.sid(), 0x10000000, 0x1B)), folder);
        List<Ace> file = Inheritance.inheritedAces(parent, false, OWNER, GROUP);
        assertEquals(List.of(Ace.allow(OWNER, 0x1F01FF, 0x10), Ace.allow(Sid.parse("S-1-5-32-545"), 0x120089, 0x10),
                Ace.allow(GROUP, 0x1F01FF, 0x10)), file);
    }

    @Test
    void propagationKeepsExplicitAcesAndSkipsProtectedChildren() {
        Ace own = Ace.allow(OWNER, 0x1301BF, 0);
        Ace stale = Ace.allow(Sid.parse("S-1-1-0"), 0x1F01FF, 0x10);
        var child = new SecurityDescriptor(0x8004, OWNER, GROUP, null, Acl.of(List.of(own, stale)));
        SecurityDescriptor next = Inheritance.propagate(MEDV, child, false);
        assertEquals(own, next.dacl().aces().get(0));
        assertEquals(4, next.dacl().aces().size());
        assertFalse(next.dacl().aces().contains(stale));
        assertTrue(next.has(ControlFlag.DACL_AUTO_INHERITED));
        assertEquals(OWNER, next.owner());

        var protectedChild = child.withProtected(true);
        assertSame(protectedChild, Inheritance.propagate(MEDV, protectedChild, false));
    }

    @Test
    void canonicalOrder() {
        Ace allow = Ace.allow(Vectors.SY, 0x1F01FF, 0);
        Ace deny = Ace.deny(Vectors.AU, 0x2, 0);
        Ace inherited = Ace.allow(Vectors.BA, 0x1F01FF, 0x10);
        Ace inheritedDeny = Ace.deny(Vectors.AU, 0x4, 0x10);
        assertTrue(CanonicalOrder.isCanonical(Acl.of(List.of(deny, allow, inherited, inheritedDeny))));
        Acl bad = Acl.of(List.of(allow, inherited, deny));
        assertTrue(CanonicalOrder.problem(bad).orElseThrow().contains("ACE 3 (explicit deny"), CanonicalOrder.problem(bad).orElseThrow());
        assertEquals(List.of(deny, allow, inherited), CanonicalOrder.canonicalize(bad).aces());
        assertFalse(CanonicalOrder.isCanonical(Acl.of(List.of(inherited, allow))));
    }
}
