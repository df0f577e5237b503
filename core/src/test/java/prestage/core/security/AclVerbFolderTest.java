package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.acl.AclVerb;
import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.client.local.platform.Xattrs;
import prestage.core.client.ClientSettings;
import prestage.core.client.open.Clients;
import prestage.core.verb.store.StoreRequest;

/** The acl verb on a plain folder target (the client's C:\ as a folder): descriptors in user.NTACL. */
class AclVerbFolderTest {
    @TempDir
    Path drive;
    Path root;
    Path prestaged;

    @BeforeEach
    void layout() throws IOException {
        root = drive.resolve("MED-V Images");
        prestaged = root.resolve("PrestagedImages");
        Files.createDirectories(prestaged);
    }

    private Context context(boolean whatIf) {
        var target = Clients.open(drive.toString(), null);
        assertEquals("folder", target.kind());
        return new Context(target, new Outcome(whatIf), Progress.NONE);
    }

    private static SecurityDescriptor stored(Path path) throws IOException {
        return NtAclXattr.decode(Xattrs.get(path, "user.NTACL").orElseThrow(() -> new AssertionError("no user.NTACL on " + path)));
    }

    @Test
    void applyWritesTheDocumentedAclAndIsIdempotent() throws IOException {
        Context ctx = context(false);
        Step first = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        assertEquals(Status.CHANGED, first.status(), first.toString());
        assertEquals("C:\\MED-V Images", first.subject());
        assertTrue(first.diff().contains("+ allow NT AUTHORITY\\Authenticated Users (OI)(CI) 0x0012008d"), first.diff().toString());
        SecurityDescriptor sd = stored(root);
        assertEquals(Vectors.MEDV_ACES, sd.dacl().aces());
        assertTrue(sd.isDaclProtected());
        assertEquals(0x9404, sd.control());

        Step second = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        assertEquals(Status.OK, second.status(), second.toString());
        assertEquals(List.of(), second.diff());
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", Vectors.MEDV_SDDL)).status());
    }

    @Test
    void applyPropagatesToExistingContentsLikeWindows() throws IOException {
        Path image = prestaged.resolve("image.ckm");
        Files.writeString(image, "x");
        Path sub = prestaged.resolve("sub");
        Files.createDirectories(sub);
        Files.writeString(sub.resolve("deep.index"), "y");
        Context ctx = context(false);
        Step step = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", Vectors.seedListing(), true));
        assertEquals(Status.CHANGED, step.status());
        assertEquals(4, step.data().get("childrenUpdated"), step.toString());
        assertTrue(step.diff().contains("+ C:\\MED-V Images\\PrestagedImages\\image.ckm: NT ACL with 3 inherited ACE(s)"), step.diff().toString());

        for (Path folder : List.of(prestaged, sub)) {
            SecurityDescriptor sd = stored(folder);
            assertEquals(List.of(0x13, 0x13, 0x13), sd.dacl().aces().stream().map(Ace::flags).toList(), folder.toString());
            assertFalse(sd.isDaclProtected());
        }
        for (Path file : List.of(image, sub.resolve("deep.index"))) {
            SecurityDescriptor sd = stored(file);
            assertEquals(Inheritance.forNewChild(stored(root), false, null, null).dacl().aces(), sd.dacl().aces(), file.toString());
            assertEquals(List.of(0x12008D, 0x1F01FF, 0x1F01FF), sd.dacl().aces().stream().map(Ace::mask).toList());
        }
        assertEquals(Status.OK, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)).status());
    }

    @Test
    void childrenKeepTheirExplicitAcesAndProtectedOnesAreLeftAlone() throws IOException {
        Path mine = prestaged.resolve("mine");
        Files.createDirectories(mine);
        Path locked = prestaged.resolve("locked");
        Files.createDirectories(locked);
        Context ctx = context(false);
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images\\PrestagedImages\\mine", "*S-1-5-32-545:(OI)(CI)M", false));
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images\\PrestagedImages\\locked", "D:P(A;OICI;FA;;;SY)", null));
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true));
        List<Ace> mineAces = stored(mine).dacl().aces();
        assertEquals(Ace.allow(Sid.parse("S-1-5-32-545"), 0x1301BF, 0x03), mineAces.get(0));
        assertEquals(4, mineAces.size());
        assertEquals(Sddl.parse("D:PAI(A;OICI;FA;;;SY)").dacl().aces(), stored(locked).dacl().aces());
    }

    @Test
    void unprotectedApplyInheritsFromTheParentsStoredAcl() throws IOException {
        Context ctx = context(false);
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true));
        Step step = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images\\PrestagedImages", "*S-1-5-32-545:(OI)(CI)RX", false));
        assertEquals(Status.CHANGED, step.status());
        SecurityDescriptor sd = stored(prestaged);
        assertFalse(sd.isDaclProtected());
        assertEquals(Ace.allow(Sid.parse("S-1-5-32-545"), 0x1200A9, 0x03), sd.dacl().aces().get(0));
        assertEquals(3, sd.dacl().inheritedAces().size());
        Step diff = new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images\\PrestagedImages", "medv"));
        assertEquals(Status.DRIFT, diff.status());
        assertTrue(diff.diff().contains("~ protected: no -> yes (inheritance from the parent is cut)"), diff.diff().toString());
    }

    @Test
    void whatIfComputesAndWritesNothing() throws IOException {
        Files.writeString(prestaged.resolve("a.ckm"), "x");
        Outcome outcome = new Outcome(true);
        var ctx = new Context(Clients.open(drive.toString(), null), outcome, Progress.NONE);
        Step step = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true));
        assertEquals(Status.CHANGED, step.status());
        assertTrue(step.message().startsWith("would "), step.message());
        assertFalse(step.diff().isEmpty());
        assertEquals(Outcome.EXIT_DRIFT, outcome.exitCode());
        for (Path p : List.of(root, prestaged, prestaged.resolve("a.ckm"))) assertTrue(Xattrs.get(p, "user.NTACL").isEmpty(), p.toString());
    }

    @Test
    void whatIfPlansAgainstFoldersStoreWouldCreate() throws IOException {
        Path fresh = drive.resolve("fresh");
        Files.createDirectories(fresh);
        var ctx = new Context(Clients.open(fresh.toString(), null), new Outcome(true), Progress.NONE);
        new prestage.core.verb.store.StoreVerb(ctx, prestage.core.profile.Profile.MEDV).store(new StoreRequest("C:\\"));
        Step root = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true));
        assertEquals(Status.CHANGED, root.status(), root.toString());
        assertTrue(root.diff().contains("+ C:\\MED-V Images\\PrestagedImages: NT ACL with 3 inherited ACE(s)"), root.diff().toString());
        Step prestagedStep = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images\\PrestagedImages", "medv", true));
        assertEquals(Status.CHANGED, prestagedStep.status(), prestagedStep.toString());
        // later steps of the same what-if run see what apply would have written
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", "medv")).status());
        assertTrue(ctx.outcome().warnings().isEmpty(), ctx.outcome().warnings().toString());
        assertFalse(Files.exists(fresh.resolve("MED-V Images")));
        // without what-if, a missing folder is still bad input
        var real = new Context(Clients.open(fresh.toString(), null), new Outcome(false), Progress.NONE);
        assertThrows(BadInputException.class, () -> new AclVerb(real).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)));
    }

    @Test
    void diffReportsExactlyWhatAnotherToolChanged() throws IOException {
        Context ctx = context(false);
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        SecurityDescriptor sd = stored(root);
        var aces = new java.util.ArrayList<>(sd.dacl().aces());
        aces.set(0, aces.get(0).withMask(0x1200A9));
        Xattrs.set(root, "user.NTACL", NtAclXattr.encode(sd.withDacl(Acl.of(aces))));
        Step diff = new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", "medv"));
        assertEquals(Status.DRIFT, diff.status());
        assertEquals(List.of("~ allow NT AUTHORITY\\Authenticated Users (OI)(CI): mask 0x001200a9 -> 0x0012008d (+FILE_APPEND_DATA -FILE_EXECUTE)"),
                diff.diff());
        Step repair = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        assertEquals(Status.CHANGED, repair.status());
        assertEquals(diff.diff(), repair.diff());
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", "medv")).status());
    }

    @Test
    void badAclTextIsRejectedBeforeAnythingIsWritten() throws IOException {
        Context ctx = context(false);
        var e = assertThrows(BadInputException.class, () -> new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FZ;;;SY)", true)));
        assertTrue(e.getMessage().contains("unknown right 'FZ'"), e.getMessage());
        assertThrows(BadInputException.class, () -> new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "*S-1-5-11:(OI)(CI)(RD,XX)", true)));
        assertThrows(BadInputException.class, () -> new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "@" + drive.resolve("missing.txt"), true)));
        var missing = assertThrows(BadInputException.class, () -> new AclVerb(ctx).apply(new AclApplyRequest("C:\\Nowhere", "medv", true)));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertTrue(Xattrs.get(root, "user.NTACL").isEmpty());
        assertTrue(ctx.outcome().steps().isEmpty());
    }

    @Test
    void aclFromFilesInUtf8AndUtf16() throws IOException {
        Path utf16 = drive.resolve("seed-acl.txt");
        byte[] text = Vectors.seedListing().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[text.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withBom, 2, text.length);
        Files.write(utf16, withBom);
        assertEquals(Vectors.MEDV_ACES, AclArgument.parse("@" + utf16).explicitAces());
        Path sddl = drive.resolve("acl.sddl");
        Files.writeString(sddl, "\uFEFF" + Vectors.MEDV_SDDL + "\n");
        assertEquals(true, AclArgument.parse("@" + sddl).protect());
        Path bad = drive.resolve("bad.txt");
        Files.writeString(bad, "NT AUTHORITY\\SYSTEM:(OI)(CI)(special access:)\nREAD_CONTROL\nFILE_READ_DATUM\n");
        var e = assertThrows(BadInputException.class, () -> AclArgument.parse("@" + bad));
        assertTrue(e.getMessage().startsWith("ACL file " + bad + ": cacls line 3: 'FILE_READ_DATUM' is not a right name"), e.getMessage());
    }

    @Test
    void showInEveryFormat() throws IOException {
        Context ctx = context(false);
        assertEquals("", new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", "sddl")));
        assertTrue(ctx.outcome().warnings().get(0).contains("no NT security descriptor is stored"), ctx.outcome().warnings().toString());
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        assertEquals(Vectors.MEDV_SDDL, new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", null)));
        assertEquals("""
                C:\\MED-V Images NT AUTHORITY\\Authenticated Users:(OI)(CI)(R,AD)
                                NT AUTHORITY\\SYSTEM:(OI)(CI)(F)
                                BUILTIN\\Administrators:(OI)(CI)(F)""", new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", "icacls")));
        assertEquals(Vectors.MEDV_ACES, CaclsListing.parse(new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", "cacls"))));
        assertEquals(Vectors.MEDV_ACES, IcaclsNotation.parse(new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", "icacls"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", "json")), Map.class);
        assertEquals(Vectors.MEDV_SDDL, json.get("sddl"));
        assertEquals(true, json.get("protected"));
        @SuppressWarnings("unchecked")
        var first = (Map<String, Object>) ((List<Object>) json.get("dacl")).get(0);
        assertEquals("S-1-5-11", first.get("sid"));
        assertEquals("0x0012008d", first.get("mask"));
        assertEquals(List.of("READ_CONTROL", "SYNCHRONIZE", "FILE_READ_DATA", "FILE_APPEND_DATA", "FILE_READ_EA", "FILE_READ_ATTRIBUTES"),
                first.get("rights"));
        assertThrows(BadInputException.class, () -> new AclVerb(ctx).show(new AclShowRequest("C:\\MED-V Images", "xml")));
    }

    @Test
    void corruptStoredDescriptorIsDriftAndApplyReplacesIt() throws IOException {
        Xattrs.set(root, "user.NTACL", new byte[] {1, 0, 1, 0, 0, 0, 2, 0, 1, 0});
        Context ctx = context(false);
        Step diff = new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", "medv"));
        assertEquals(Status.DRIFT, diff.status());
        assertTrue(diff.diff().get(0).contains("truncated"), diff.diff().toString());
        Step apply = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        assertEquals(Status.CHANGED, apply.status());
        assertTrue(ctx.outcome().warnings().stream().anyMatch(w -> w.contains("unreadable and is replaced")), ctx.outcome().warnings().toString());
        assertEquals(Vectors.MEDV_ACES, stored(root).dacl().aces());
    }

    @Test
    void securityNtaclWhenAsked() throws IOException {
        Context ctx = new Context(Clients.open(drive.toString(), null, ClientSettings.ntaclXattr("security.NTACL")), new Outcome(false), Progress.NONE);
        assertEquals("security.NTACL (Samba acl_xattr)", ctx.client().securityStore());
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", null));
        assertTrue(Xattrs.get(root, "user.NTACL").isEmpty());
        assertEquals(Vectors.MEDV_ACES, NtAclXattr.decode(Xattrs.get(root, "security.NTACL").orElseThrow()).dacl().aces());
        var bad = assertThrows(BadInputException.class,
                () -> Clients.open(drive.toString(), null, ClientSettings.ntaclXattr("trusted.NTACL")).securityStore());
        assertTrue(bad.getMessage().startsWith("PRESTAGE_NTACL_XATTR=trusted.NTACL: use user.NTACL or security.NTACL"), bad.getMessage());
    }
}
