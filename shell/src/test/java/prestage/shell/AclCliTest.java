package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.client.local.platform.Xattrs;
import prestage.core.testing.Smbd;

/** {@code prestage acl show|apply|diff} as docs/cli.md fixes them, with Samba judging what the commands stored. */
@DisabledOnOs(OS.WINDOWS)
class AclCliTest {
    private static final String MEDV_SDDL = "D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";
    private static final String SEED_LISTING = """
            • NT AUTHORITY\\\\Authenticated Users:(OI)(CI)(special access:)
            • READ_CONTROL
            • SYNCHRONIZE
            • FILE_GENERIC_READ
            • FILE_READ_DATA
            • FILE_APPEND_DATA
            • FILE_READ_EA
            • FILE_READ_ATTRIBUTES
            • NT AUTHORITY\\SYSTEM:(OI)(CI)F
            • BUILTIN\\Administrators:(OI)(CI)F
            """;

    @TempDir
    Path dir;



    private Path layout(Path drive) throws IOException {
        return Files.createDirectories(drive.resolve("MED-V Images").resolve("PrestagedImages"));
    }

    @Test
    void applyIsIdempotentShowAndDiffFollow() throws IOException {
        layout(dir);
        String target = dir.toString();
        var first = prestage("--target", target, "acl", "apply", "C:\\MED-V Images", "medv", "--protect");
        assertEquals(0, first.exit(), first.err() + first.out());
        assertTrue(first.out().contains("+ allow NT AUTHORITY\\Authenticated Users (OI)(CI) 0x0012008d"), first.out());
        var second = prestage("acl", "apply", "C:\\MED-V Images", "medv", "--protect", "--target", target);
        assertEquals(0, second.exit());
        assertTrue(second.out().startsWith("ok "), second.out());

        var show = prestage("--target", target, "acl", "show", "C:\\MED-V Images");
        assertEquals(MEDV_SDDL, show.out().strip());
        var icacls = prestage("--target", target, "acl", "show", "C:\\MED-V Images\\PrestagedImages", "--format", "icacls");
        assertEquals("C:\\MED-V Images\\PrestagedImages NT AUTHORITY\\Authenticated Users:(I)(OI)(CI)(R,AD)",
                icacls.out().lines().findFirst().orElseThrow());

        // the seed's listing, the SDDL and the icacls grants all say the same
        Path listing = Files.writeString(dir.resolve("seed.txt"), SEED_LISTING);
        for (String acl : List.of("@" + listing, MEDV_SDDL, "*S-1-5-11:(OI)(CI)(RD,AD,REA,RA,RC,S),*S-1-5-18:(OI)(CI)F,*S-1-5-32-544:(OI)(CI)F")) {
            var diff = prestage("--target", target, "acl", "diff", "C:\\MED-V Images", acl);
            assertEquals(0, diff.exit(), acl + ": " + diff.out() + diff.err());
        }
        var drift = prestage("--target", target, "acl", "diff", "C:\\MED-V Images", "*S-1-5-11:(OI)(CI)RX,*S-1-5-18:(OI)(CI)F,*S-1-5-32-544:(OI)(CI)F");
        assertEquals(3, drift.exit(), drift.out());
        assertTrue(drift.out().contains("~ allow NT AUTHORITY\\Authenticated Users (OI)(CI): mask 0x0012008d -> 0x001200a9 (+FILE_EXECUTE -FILE_APPEND_DATA)"),
                drift.out());
    }

    @Test
    void whatIfWritesNothingAndExitsThree() throws IOException {
        Path prestaged = layout(dir);
        var r = prestage("--target", dir.toString(), "acl", "apply", "C:\\MED-V Images", "medv", "--what-if");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("would set the ACL (protected)"), r.out());
        assertTrue(Xattrs.get(prestaged.getParent(), "user.NTACL").isEmpty());
        assertTrue(Xattrs.get(prestaged, "user.NTACL").isEmpty());
    }

    @Test
    void badAclIsExitTwoWithOneLineAndNothingWritten() throws IOException {
        Path prestaged = layout(dir);
        for (String acl : List.of("D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FQ;;;SY)", "*S-1-5-11:(OI)(CI)(RD,ADD)", "nonsense", "@" + dir.resolve("absent.txt"))) {
            var r = prestage("--target", dir.toString(), "acl", "apply", "C:\\MED-V Images", acl, "--protect");
            assertEquals(2, r.exit(), acl + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertTrue(prestage("--target", dir.toString(), "acl", "show", "C:\\MED-V Images", "--format", "xml").exit() == 2);
        assertTrue(Xattrs.get(prestaged.getParent(), "user.NTACL").isEmpty());
    }

    @Test
    void jsonCarriesTheDiff() throws IOException {
        layout(dir);
        prestage("--target", dir.toString(), "acl", "apply", "C:\\MED-V Images", "medv");
        var r = prestage("--json", "--target", dir.toString(), "acl", "diff", "C:\\MED-V Images", "*S-1-5-18:(OI)(CI)F");
        assertEquals(3, r.exit());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode step = doc.get("steps").get(0);
        assertEquals("drift", step.get("status").asText());
        assertEquals(3, doc.get("exitCode").asInt());
        assertEquals("- allow NT AUTHORITY\\Authenticated Users (OI)(CI) 0x0012008d", step.get("diff").get(0).asText());
        assertEquals(MEDV_SDDL, step.get("data").get("currentSddl").asText());
    }

    @Test
    void sambaServesExactlyWhatTheCommandApplied() throws IOException {
        try (Smbd smbd = Smbd.startWithAclXattr(dir.resolve("samba"), "user.NTACL")) {
            layout(smbd.shareDir());
            String target = smbd.shareDir().toString();
            assertEquals(0, prestage("--target", target, "acl", "apply", "C:\\MED-V Images", "medv", "--protect").exit());
            assertEquals(0, prestage("--target", target, "acl", "apply", "C:\\MED-V Images\\PrestagedImages", "medv", "--protect").exit());
            for (String path : List.of("MED-V Images", "MED-V Images/PrestagedImages")) {
                String numeric = smbd.smbcacls(path, "--numeric");
                assertTrue(numeric.contains("CONTROL:0x9404\n"), numeric);
                assertEquals(List.of("ACL:S-1-5-11:0/0x3/0x0012008d", "ACL:S-1-5-18:0/0x3/0x001f01ff", "ACL:S-1-5-32-544:0/0x3/0x001f01ff"),
                        numeric.lines().filter(l -> l.startsWith("ACL:")).toList(), numeric);
            }
            assertEquals(0, prestage("--target", target, "acl", "diff", "C:\\MED-V Images", "medv").exit());
            smbd.smbcacls("MED-V Images", "-M", "ACL:S-1-5-18:ALLOWED/OI|CI/0x001200a9");
            var drift = prestage("--target", target, "acl", "diff", "C:\\MED-V Images", "medv");
            assertEquals(3, drift.exit(), drift.out());
            assertTrue(drift.out().contains("~ allow NT AUTHORITY\\SYSTEM (OI)(CI): mask 0x001200a9 -> 0x001f01ff "
                    + "(+DELETE +WRITE_DAC +WRITE_OWNER +FILE_WRITE_DATA +FILE_APPEND_DATA +FILE_WRITE_EA +FILE_DELETE_CHILD +FILE_WRITE_ATTRIBUTES)"),
                    drift.out());
            assertEquals(0, prestage("--target", target, "acl", "apply", "C:\\MED-V Images", "medv").exit());
            assertTrue(smbd.smbcacls("MED-V Images", "--numeric").contains("ACL:S-1-5-18:0/0x3/0x001f01ff"));
        }
    }

    @Test
    void theOldSettingNamesStillReachTheRun() throws IOException {
        layout(dir);
        System.setProperty("prestage.ntacl.xattr", "trusted.NTACL");
        try {
            var bad = prestage("--target", dir.toString(), "acl", "apply", "C:\\MED-V Images", "medv", "--protect");
            assertEquals(2, bad.exit(), bad.err());
            assertTrue(bad.err().contains("-Dprestage.ntacl.xattr=trusted.NTACL: use user.NTACL or security.NTACL"), bad.err());
            assertTrue(Xattrs.get(dir.resolve("MED-V Images"), "user.NTACL").isEmpty(), "nothing written");
        } finally {
            System.clearProperty("prestage.ntacl.xattr");
        }
    }
}
