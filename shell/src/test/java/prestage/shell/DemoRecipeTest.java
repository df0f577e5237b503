package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.testing.Smbd;
import prestage.shell.Prestage.Result;

/**
 * The README's first command, run inside a Samba share: the demo prestages a client folder, a second run
 * reports only ok, and Samba, sha256sum and the .reg text judge what it left.
 */
@DisabledOnOs(OS.WINDOWS)
class DemoRecipeTest {
    private static final Path DEMO = Path.of("../scripts/demo.groovy").toAbsolutePath().normalize();

    @TempDir
    Path dir;



    @Test
    void theDemoPrestagesAClientFolderAndASecondRunOnlyReportsOk() throws IOException {
        try (Smbd smbd = Smbd.startWithAclXattr(dir.resolve("samba"), "user.NTACL")) {
            Path demo = smbd.shareDir().resolve("demo");
            Result first = prestage("run", DEMO.toString(), "-p", "dir=" + demo, "-p", "sizeMiB=2");
            assertEquals(0, first.exit(), first.out() + first.err());
            assertTrue(first.out().contains("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\" START_MEDV=0 /quiet"), first.out());

            Result second = prestage("run", DEMO.toString(), "-p", "dir=" + demo, "-p", "sizeMiB=2", "--json");
            assertEquals(0, second.exit(), second.err());
            var summary = new ObjectMapper().readTree(second.out()).get("summary");
            assertEquals(0, summary.get("changed").asInt(), second.out());
            assertEquals(7, summary.get("ok").asInt(), second.out());

            Path prestaged = demo.resolve("client/MED-V Images/PrestagedImages");
            assertEquals("", Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum --quiet -c SHA256SUMS", prestaged.toString()), null));
            for (String file : List.of("Win7Corp.ckm", "Win7Corp.ckm.index")) {
                String acl = smbd.smbcacls("demo/client/MED-V Images/PrestagedImages/" + file, "--numeric");
                assertEquals(List.of("ACL:S-1-5-11:0/0x10/0x0012008d", "ACL:S-1-5-18:0/0x10/0x001f01ff", "ACL:S-1-5-32-544:0/0x10/0x001f01ff"),
                        acl.lines().filter(l -> l.startsWith("ACL:")).toList(), file + " did not inherit its folder's ACL:\n" + acl);
                var perms = Files.getPosixFilePermissions(prestaged.resolve(file));
                assertTrue(perms.stream().noneMatch(p -> p == PosixFilePermission.OWNER_WRITE || p == PosixFilePermission.GROUP_WRITE
                        || p == PosixFilePermission.OTHERS_WRITE), file + " is writable: " + perms);
            }
            byte[] reg = Files.readAllBytes(demo.resolve("client/prestage.reg"));
            assertEquals(0xFF, reg[0] & 0xFF);
            assertEquals(0xFE, reg[1] & 0xFF);
            String text = new String(reg, 2, reg.length - 2, StandardCharsets.UTF_16LE);
            assertTrue(text.startsWith("Windows Registry Editor Version 5.00\r\n"), text);
            assertTrue(text.contains("[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro]\r\n\"PrestagedImagesPath\"=\"C:\\\\MED-V Images\\\\PrestagedImages\"\r\n"), text);
        }
    }
}
