package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.testing.Smbd;
import prestage.shell.Prestage.Result;

/**
 * The shipped troubleshooting recipes against folder clients served by Samba: status-clients shows a table,
 * reverify finds a damaged image, repair puts back what drifted, and Samba and sha256sum judge the result.
 */
@DisabledOnOs(OS.WINDOWS)
class TroubleshootingRecipesTest {
    private static final List<String> MEDV_ACL = List.of("ACL:S-1-5-11:0/0x10/0x0012008d", "ACL:S-1-5-18:0/0x10/0x001f01ff",
            "ACL:S-1-5-32-544:0/0x10/0x001f01ff");

    @TempDir
    Path dir;

    @Test
    void statusReverifyAndRepairOnFolderClients() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("Win7.ckm"), new byte[300_000]);
        Files.writeString(images.resolve("Win7.ckm.index"), "index");
        try (Smbd smbd = Smbd.startWithAclXattr(dir.resolve("samba"), "user.NTACL")) {
            Path good = Files.createDirectories(smbd.shareDir().resolve("good"));
            Path bad = Files.createDirectories(smbd.shareDir().resolve("bad"));
            Path fresh = Files.createDirectories(smbd.shareDir().resolve("fresh"));
            for (Path client : List.of(good, bad)) {
                Result r = prestage("run", "medv-prestage", "--target", client.toString(), "-p", "source=" + images);
                assertEquals(0, r.exit(), r.out() + r.err());
            }
            Path prestaged = bad.resolve("MED-V Images/PrestagedImages");
            // drift on "bad": a damaged image, a foreign ACL, a writable image, another registry value
            Path ckm = prestaged.resolve("Win7.ckm");
            Files.setPosixFilePermissions(ckm, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            try (var ch = Files.newByteChannel(ckm, StandardOpenOption.WRITE)) {
                ch.position(12345).write(java.nio.ByteBuffer.wrap(new byte[]{7}));
            }
            assertTrue(Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum -c SHA256SUMS 2>&1 || true", prestaged.toString()), null)
                    .contains("Win7.ckm: FAILED"));
            assertEquals(0, prestage("acl", "apply", "C:\\MED-V Images", "D:PAI(A;OICI;FA;;;SY)", "--target", bad.toString()).exit());
            assertEquals(0, prestage("registry", "set", "HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", "C:\\elsewhere", "--view", "32",
                    "--target", bad.toString()).exit());

            Result status = prestage("run", "status-clients", "-p", "clients=" + good + "," + bad + "," + fresh + "," + dir.resolve("missing"));
            var table = tableOf(status.out());
            assertEquals(List.of("client", "result", "drift", "failed", "message"), List.of(table.get(0).split(" +")), status.out());
            assertTrue(row(table, good).matches(".* ok +0 +0 +client is prestaged .*"), status.out());
            assertTrue(row(table, bad).matches(".* drift +4 +0 +3 ok, 4 drift, 0 failed of 7 checks"), status.out());
            assertTrue(row(table, fresh).matches(".* drift +\\d+ +0 .*"), status.out());
            assertTrue(row(table, dir.resolve("missing")).contains(" failed "), status.out());
            assertEquals(3, status.exit(), status.err());

            Result reverify = prestage("run", "reverify", "-p", "clients=" + good + "," + bad);
            assertTrue(row(tableOf(reverify.out()), good).matches(".* ok .*"), reverify.out());
            assertTrue(row(tableOf(reverify.out()), bad).matches(".* drift .*Win7\\.ckm.*"), reverify.out());
            assertEquals(3, reverify.exit());

            Result repair = prestage("run", "repair", "--target", bad.toString(), "-p", "source=" + images);
            assertEquals(0, repair.exit(), repair.out() + repair.err());
            assertEquals("", Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum --quiet -c SHA256SUMS", prestaged.toString()), null));
            assertEquals(MEDV_ACL.stream().map(a -> a.replace("/0x10/", "/0x3/")).toList(),
                    smbd.smbcacls("bad/MED-V Images", "--numeric").lines().filter(l -> l.startsWith("ACL:")).toList());
            for (String file : List.of("Win7.ckm", "Win7.ckm.index")) {
                assertEquals(MEDV_ACL, smbd.smbcacls("bad/MED-V Images/PrestagedImages/" + file, "--numeric").lines()
                        .filter(l -> l.startsWith("ACL:")).toList(), file);
                assertTrue(Files.getPosixFilePermissions(prestaged.resolve(file)).stream().noneMatch(p -> p.name().endsWith("WRITE")), file);
            }
            String reg = new String(Files.readAllBytes(bad.resolve("prestage.reg")), StandardCharsets.UTF_16LE);
            assertTrue(reg.contains("\"PrestagedImagesPath\"=\"C:\\\\MED-V Images\\\\PrestagedImages\""), reg);

            Result again = prestage("run", "repair", "--target", bad.toString(), "-p", "source=" + images, "--json");
            assertEquals(0, again.exit(), again.err());
            assertEquals(0, again.json().get("summary").get("changed").asInt(), again.out());
            assertEquals(0, prestage("run", "status-clients", "-p", "clients=" + good + "," + bad).exit());
        }
    }

    /** The table the recipe printed after the steps: from its header line on. */
    private static List<String> tableOf(String out) {
        var lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("client ")).findFirst().orElse(""));
        return header < 0 ? List.of(out) : lines.subList(header, lines.size());
    }

    private static String row(List<String> table, Path client) {
        return table.stream().filter(l -> l.startsWith(client + " ")).findFirst().orElse("(no row for " + client + ")");
    }
}
