package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AclDiffTest {
    private static final AclExpectation MEDV = AclArgument.parse("medv").expectation();

    private static SecurityDescriptor medvWith(List<Ace> aces, int control) {
        return new SecurityDescriptor(control, null, null, null, new Acl(Acl.REVISION, aces));
    }

    @Test
    void sameAccessInAnotherOrderOrRevisionIsInDesiredState() {
        var reordered = new ArrayList<>(Vectors.MEDV_ACES);
        java.util.Collections.reverse(reordered);
        var samba = new SecurityDescriptor(0x9504, Sid.parse("S-1-5-21-1-2-3-1000"), Sid.parse("S-1-22-2-0"), null,
                new Acl(Acl.REVISION_DS, reordered));
        assertTrue(AclDiff.between(samba, MEDV).inDesiredState(), AclDiff.between(samba, MEDV).toString());
        // split masks and generic rights count as what they grant
        var split = medvWith(List.of(Ace.allow(Vectors.AU, 0x120089, 3), Ace.allow(Vectors.AU, 0x4, 3),
                Ace.allow(Vectors.SY, 0x10000000, 3), Ace.allow(Vectors.BA, 0x1F01FF, 3)), 0x9404);
        assertTrue(AclDiff.between(split, MEDV).inDesiredState(), AclDiff.between(split, MEDV).toString());
    }

    @Test
    void changedMaskIsNamedBitByBit() {
        var sd = medvWith(List.of(Ace.allow(Vectors.AU, 0x1200A9, 3), Vectors.MEDV_ACES.get(1), Vectors.MEDV_ACES.get(2)), 0x9404);
        AclDiff diff = AclDiff.between(sd, MEDV);
        assertEquals(List.of("~ allow NT AUTHORITY\\Authenticated Users (OI)(CI): mask 0x001200a9 -> 0x0012008d (+FILE_APPEND_DATA -FILE_EXECUTE)"),
                diff.lines());
        assertEquals(AclDiff.Kind.CHANGED, diff.changes().get(0).kind());
    }

    @Test
    void changedFlagsAddedRemovedProtectionAndOwner() {
        var sd = new SecurityDescriptor(0x8404, Vectors.SY, null, null, new Acl(Acl.REVISION, List.of(
                Ace.allow(Vectors.AU, 0x12008D, 2), Vectors.MEDV_ACES.get(1), Ace.allow(Sid.parse("S-1-1-0"), 0x1F01FF, 0),
                Ace.allow(Sid.parse("S-1-5-32-545"), 0x1200A9, 0x13))));
        var want = new AclExpectation(Vectors.MEDV_ACES, true, Vectors.BA, null, null);
        assertEquals(List.of(
                "~ protected: no -> yes (inheritance from the parent is cut)",
                "~ owner: NT AUTHORITY\\SYSTEM -> BUILTIN\\Administrators",
                "~ allow NT AUTHORITY\\Authenticated Users: flags (CI) -> (OI)(CI), mask 0x0012008d",
                "- allow Everyone 0x001f01ff",
                "+ allow BUILTIN\\Administrators (OI)(CI) 0x001f01ff"), AclDiff.between(sd, want).lines());
    }

    @Test
    void inheritedAcesAreComparedOnlyWhenExpected() {
        Ace inherited = Ace.allow(Sid.parse("S-1-5-32-545"), 0x1200A9, 0x13);
        var all = new ArrayList<>(Vectors.MEDV_ACES);
        all.add(inherited);
        var sd = medvWith(all, 0x8404);
        assertTrue(AclDiff.between(sd, new AclExpectation(Vectors.MEDV_ACES, false, null, null, null)).inDesiredState());
        var exact = new AclExpectation(Vectors.MEDV_ACES, false, null, null, List.of());
        assertEquals(List.of("- inherited allow BUILTIN\\Users (OI)(CI) 0x001200a9"), AclDiff.between(sd, exact).lines());
        assertTrue(AclDiff.between(sd, AclExpectation.exactly(sd)).inDesiredState());
    }

    @Test
    void nonCanonicalOrderAndMissingDescriptorAreDifferences() {
        var sd = medvWith(List.of(Vectors.MEDV_ACES.get(0), Ace.deny(Vectors.AU, 0x2, 0), Vectors.MEDV_ACES.get(1),
                Vectors.MEDV_ACES.get(2)), 0x9404);
        var lines = AclDiff.between(sd, MEDV).lines();
        assertTrue(lines.get(0).startsWith("~ order: ACE 2 (explicit deny"), lines.toString());
        assertTrue(lines.contains("- deny NT AUTHORITY\\Authenticated Users 0x00000002"), lines.toString());
        var missing = AclDiff.between(null, MEDV).lines();
        assertEquals("+ NT security descriptor (none is stored yet)", missing.get(0));
        assertEquals(5, missing.size(), missing.toString());
    }
}
