package prestage.core.security;

import prestage.core.client.local.security.SambaXattrBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.acl.AclVerb;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.client.local.platform.Xattrs;
import prestage.core.testing.Smbd;

/**
 * Samba is the judge: a real smbd on loopback serves the folder target, and what {@code acl apply} stores must be
 * exactly what {@code smbcacls --numeric} and {@code samba-tool ntacl get} report; what another tool changes
 * through smbd must show up in {@code acl diff}, precisely.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SambaOracleTest {
    private static final List<String> MEDV_ACES = List.of(
            "S-1-5-11:0/0x3/0x0012008d", "S-1-5-18:0/0x3/0x001f01ff", "S-1-5-32-544:0/0x3/0x001f01ff");
    private static final String MEDV_SAMBA_SDDL = "D:PAI(A;OICI;0x0012008d;;;AU)(A;OICI;0x001f01ff;;;SY)(A;OICI;0x001f01ff;;;BA)";

    @TempDir
    static Path tmp;
    Smbd smbd;

    @BeforeAll
    void startSmbd() throws IOException {
        smbd = Smbd.startWithAclXattr(tmp.resolve("samba"), "user.NTACL");
    }

    @AfterAll
    void stopSmbd() {
        if (smbd != null) smbd.close();
    }

    private Context context() {
        return new Context(prestage.core.client.open.Clients.open(smbd.shareDir().toString(), null), new Outcome(false), Progress.NONE);
    }

    /** smbcacls --numeric, parsed: CONTROL, OWNER, GROUP and the ACL lines without their prefix. */
    record SmbAcl(int control, String owner, String group, List<String> aces) {
        static SmbAcl parse(String out) {
            int control = -1;
            String owner = null;
            String group = null;
            var aces = new java.util.ArrayList<String>();
            for (String line : out.lines().toList()) {
                if (line.startsWith("CONTROL:")) control = Integer.decode(line.substring(8).strip());
                else if (line.startsWith("OWNER:")) owner = line.substring(6).strip();
                else if (line.startsWith("GROUP:")) group = line.substring(6).strip();
                else if (line.startsWith("ACL:")) aces.add(line.substring(4).strip());
            }
            if (control < 0) throw new AssertionError("smbcacls printed no CONTROL line:\n" + out);
            return new SmbAcl(control, owner, group, aces);
        }
    }

    private SmbAcl smbcacls(String pathInShare) throws IOException {
        return SmbAcl.parse(smbd.smbcacls(pathInShare, "--numeric"));
    }

    private Path folder(String relative) throws IOException {
        return Files.createDirectories(smbd.shareDir().resolve(relative));
    }

    @Test
    void appliedMedvAclIsExactlyWhatSambaServes() throws IOException {
        folder("MED-V Images/PrestagedImages");
        Context ctx = context();
        assertEquals(Status.CHANGED, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)).status());
        assertEquals(Status.CHANGED, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images\\PrestagedImages", "medv", true)).status());
        for (String path : List.of("MED-V Images", "MED-V Images/PrestagedImages")) {
            SmbAcl acl = smbcacls(path);
            assertEquals(0x9404, acl.control(), path + ": protected, auto-inherited, DACL present, self-relative");
            assertEquals(MEDV_ACES, acl.aces(), path);
            assertEquals(MEDV_SAMBA_SDDL, smbd.ntaclGetThroughVfs(smbd.shareDir().resolve(path)));
        }
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", "medv")).status());
        assertEquals(Status.OK, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)).status());
    }

    @Test
    void unprotectedApplyLeavesTheProtectedBitOff() throws IOException {
        folder("open");
        new AclVerb(context()).apply(new AclApplyRequest("C:\\open", "medv", false));
        SmbAcl acl = smbcacls("open");
        assertEquals(0, acl.control() & 0x1000, "DACL_PROTECTED must be off: " + Integer.toHexString(acl.control()));
        assertEquals(MEDV_ACES, acl.aces());
    }

    @Test
    void everySingleAceChangeThroughSambaIsReportedPrecisely() throws IOException {
        record Change(String smbcaclsOption, String ace, List<String> expectedDiff) {
        }
        var changes = List.of(
                new Change("-M", "ACL:S-1-5-11:ALLOWED/OI|CI/0x001200a9", List.of(
                        "~ allow NT AUTHORITY\\Authenticated Users (OI)(CI): mask 0x001200a9 -> 0x0012008d (+FILE_APPEND_DATA -FILE_EXECUTE)")),
                new Change("-a", "ACL:S-1-1-0:ALLOWED/0x0/0x001200a9", List.of("- allow Everyone 0x001200a9")),
                new Change("-D", "ACL:S-1-5-18:ALLOWED/OI|CI/0x001f01ff", List.of("+ allow NT AUTHORITY\\SYSTEM (OI)(CI) 0x001f01ff")),
                new Change("-M", "ACL:S-1-5-32-544:ALLOWED/CI/0x001f01ff", List.of(
                        "~ allow BUILTIN\\Administrators: flags (CI) -> (OI)(CI), mask 0x001f01ff")),
                new Change("-M", "ACL:S-1-5-11:DENIED/OI|CI/0x0012008d", List.of(
                        "- deny NT AUTHORITY\\Authenticated Users (OI)(CI) 0x0012008d",
                        "+ allow NT AUTHORITY\\Authenticated Users (OI)(CI) 0x0012008d")));
        int n = 0;
        for (Change change : changes) {
            String name = "drift" + (++n);
            folder(name);
            Context ctx = context();
            new AclVerb(ctx).apply(new AclApplyRequest("C:\\" + name, "medv", true));
            smbd.smbcacls(name, change.smbcaclsOption(), change.ace());
            Step diff = new AclVerb(ctx).diff(new AclDiffRequest("C:\\" + name, Vectors.MEDV_SDDL));
            assertEquals(Status.DRIFT, diff.status(), change + " -> " + diff);
            assertEquals(change.expectedDiff(), diff.diff(), change.toString());
            // what Samba wrote is a version 4 blob with a hash; repairing it restores exactly the documented ACL
            assertEquals(4, NtAclXattr.read(Xattrs.get(smbd.shareDir().resolve(name), "user.NTACL").orElseThrow()).version());
            Step repair = new AclVerb(ctx).apply(new AclApplyRequest("C:\\" + name, "medv", true));
            assertEquals(Status.CHANGED, repair.status());
            assertEquals(MEDV_ACES, smbcacls(name).aces(), change.toString());
            assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\" + name, "medv")).status(), change.toString());
        }
    }

    /**
     * What Windows gives each new child of the two folders, written out by hand from the parents' ACEs (generic
     * rights mapped, CI-only entries kept off files, NP not passed on): {@code {owner}} is the creator. Inheritance must
     * compute exactly this; samba-tool shows what smbd stored, in Samba's form (generic rights unmapped, a CI entry with
     * generic rights not split), and that must be the same descriptor in that form.
     */
    private static final Map<String, List<String>> INHERITED = Map.of(
            "inherit/sub", List.of("D:AI(A;OICIID;0x12008d;;;AU)(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)",
                    "D:AI(A;OICIID;0x0012008d;;;AU)(A;OICIID;0x001f01ff;;;SY)(A;OICIID;0x001f01ff;;;BA)"),
            "inherit/file.txt", List.of("D:AI(A;ID;0x12008d;;;AU)(A;ID;FA;;;SY)(A;ID;FA;;;BA)",
                    "D:AI(A;ID;0x0012008d;;;AU)(A;ID;0x001f01ff;;;SY)(A;ID;0x001f01ff;;;BA)"),
            "inherit/sub/deep.txt", List.of("D:AI(A;ID;0x12008d;;;AU)(A;ID;FA;;;SY)(A;ID;FA;;;BA)",
                    "D:AI(A;ID;0x0012008d;;;AU)(A;ID;0x001f01ff;;;SY)(A;ID;0x001f01ff;;;BA)"),
            "creator/sub", List.of("D:AI(A;ID;FA;;;{owner})(A;OICIIOID;GA;;;CO)(A;OICIID;FA;;;SY)(A;ID;FR;;;BU)(A;CIIOID;GR;;;BU)(A;OIIOID;FX;;;BA)",
                    "D:AI(A;ID;GA;;;{owner})(A;OICIIOID;GA;;;CO)(A;OICIID;0x001f01ff;;;SY)(A;CIID;GR;;;BU)(A;OIIOID;0x001200a0;;;BA)"),
            "creator/file.txt", List.of("D:AI(A;ID;FA;;;{owner})(A;ID;FA;;;SY)(A;ID;0x1200a9;;;AU)(A;ID;FX;;;BA)",
                    "D:AI(A;ID;GA;;;{owner})(A;ID;0x001f01ff;;;SY)(A;ID;0x001200a9;;;AU)(A;ID;0x001200a0;;;BA)"),
            "creator/sub/deep.txt", List.of("D:AI(A;ID;FA;;;{owner})(A;ID;FA;;;SY)(A;ID;FX;;;BA)",
                    "D:AI(A;ID;GA;;;{owner})(A;ID;0x001f01ff;;;SY)(A;ID;0x001200a0;;;BA)"));
    private static final Pattern OWNER = Pattern.compile("^O:(S-[0-9-]+)");
    private static final Pattern DACL = Pattern.compile("(D:[PAIR]*\\(.*)$");

    @Test
    void filesSambaCreatesInheritWhatInheritanceComputes() throws IOException {
        folder("inherit");
        folder("creator");
        Context ctx = context();
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\inherit", "medv", true));
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\creator", "D:PAI(A;OICIIO;GA;;;CO)(A;OICI;FA;;;SY)(A;CI;GR;;;BU)(A;OINP;0x1200a9;;;AU)(A;OIIO;FX;;;BA)", null));
        for (String dir : List.of("inherit", "creator")) {
            smbd.client(List.of("smbclient", smbd.unc(), "-U", Smbd.USER + "%" + Smbd.PASSWORD,
                    "-c", "mkdir " + dir + "\\sub; put /etc/hostname " + dir + "\\file.txt; put /etc/hostname " + dir + "\\sub\\deep.txt"));
            var backend = new SambaXattrBackend("user.NTACL");
            SecurityDescriptor parent = backend.read(smbd.shareDir().resolve(dir)).orElseThrow();
            for (String child : List.of("sub", "file.txt", "sub/deep.txt")) {
                String name = dir + "/" + child;
                Path local = smbd.shareDir().resolve(dir).resolve(child);
                String stored = smbd.ntaclGetThroughVfs(local);
                Matcher owner = OWNER.matcher(stored);
                assertTrue(owner.find(), stored);
                List<String> expected = INHERITED.get(name).stream().map(e -> e.replace("{owner}", owner.group(1))).toList();
                assertEquals(expected.get(1), dacl(stored), name + ": what samba-tool says smbd stored");
                SecurityDescriptor samba = backend.read(local).orElseThrow();
                SecurityDescriptor from = child.equals("sub/deep.txt") ? backend.read(local.getParent()).orElseThrow() : parent;
                SecurityDescriptor ours = Inheritance.forNewChild(from, Files.isDirectory(local), samba.owner(), samba.group());
                assertEquals(expected.get(0), dacl(Sddl.format(ours)), name + ": what Inheritance computes");
                assertEquals(ours.dacl().aces(), WindowsForm.of(samba.dacl().aces()), name);
                assertEquals(ours.control() & 0x1404, samba.control() & 0x1404, name);
            }
        }
        assertEquals(List.of("S-1-5-11:0/0x10/0x0012008d", "S-1-5-18:0/0x10/0x001f01ff", "S-1-5-32-544:0/0x10/0x001f01ff"),
                smbcacls("inherit/file.txt").aces());
        assertEquals(List.of("S-1-5-11:0/0x13/0x0012008d", "S-1-5-18:0/0x13/0x001f01ff", "S-1-5-32-544:0/0x13/0x001f01ff"),
                smbcacls("inherit/sub").aces());
    }

    private static String dacl(String sddl) {
        Matcher m = DACL.matcher(sddl.strip());
        assertTrue(m.find(), sddl);
        return m.group(1);
    }

    @Test
    void descriptorsSambaToolWritesAreRead() throws IOException {
        Path dir = folder("written-by-samba-tool");
        String sddl = "O:BAG:SYD:PARAI(D;CI;0x40;;;S-1-5-21-5-6-7-1001)(A;OICI;0x12008d;;;AU)(A;OICI;0x1f01ff;;;SY)(A;OICI;0x1f01ff;;;BA)";
        Smbd.run(List.of("samba-tool", "ntacl", "set", sddl, dir.toString(), "-s", smbd.configFile().toString(), "--use-ntvfs"), null);
        Smbd.run(List.of("samba-tool", "ntacl", "set", sddl, dir.toString(), "-s", smbd.configFile().toString(), "--use-s3fs",
                "--service", Smbd.SHARE), null);
        NtAclXattr.Stored raw = NtAclXattr.read(Xattrs.get(dir, "security.NTACL").orElseThrow());
        NtAclXattr.Stored viaVfs = NtAclXattr.read(Xattrs.get(dir, "user.NTACL").orElseThrow());
        assertEquals(1, raw.version());
        assertEquals(4, viaVfs.version());
        assertEquals(1, viaVfs.hashType(), "SHA-256");
        SecurityDescriptor expected = Sddl.parse(sddl);
        for (SecurityDescriptor sd : List.of(raw.descriptor(), viaVfs.descriptor())) {
            assertEquals(expected.owner(), sd.owner());
            assertEquals(expected.group(), sd.group());
            assertEquals(expected.dacl().aces(), sd.dacl().aces());
            assertTrue(sd.isDaclProtected());
        }
        assertEquals(Status.OK, new AclVerb(context()).diff(new AclDiffRequest("C:\\written-by-samba-tool", sddl)).status());
    }

    @Test
    void securityNtaclVariant() throws IOException {
        try (Smbd other = Smbd.startWithAclXattr(tmp.resolve("samba-security"), "security.NTACL")) {
            Files.createDirectories(other.shareDir().resolve("MED-V Images"));
            var ctx = new Context(prestage.core.client.open.Clients.open(other.shareDir().toString(), null,
                    prestage.core.client.ClientSettings.ntaclXattr("security.NTACL")), new Outcome(false), Progress.NONE);
            assertEquals(Status.CHANGED, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)).status());
            SmbAcl acl = SmbAcl.parse(other.smbcacls("MED-V Images", "--numeric"));
            assertEquals(0x9404, acl.control());
            assertEquals(MEDV_ACES, acl.aces());
            Path local = other.shareDir().resolve("MED-V Images");
            assertEquals(MEDV_SAMBA_SDDL, other.ntaclGetRaw(local));
            assertEquals(MEDV_SAMBA_SDDL, other.ntaclGetThroughVfs(local));
        }
    }
}
