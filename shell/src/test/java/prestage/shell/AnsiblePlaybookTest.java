package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.testing.Smbd;

/**
 * The shipped playbook ({@code ansible/prestage-fleet.yml} with the module {@code ansible/library/prestage}), run by
 * Debian's ansible-core against an inventory of folder clients, one of them served by a real smbd and one broken.
 * Judged by Ansible's own PLAY RECAP, sha256sum -c and smbcacls.
 */
@DisabledOnOs(OS.WINDOWS)
class AnsiblePlaybookTest {
    private static final Path PLAYBOOK = Path.of("../ansible/prestage-fleet.yml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A launcher for the module: this build of prestage, started as a program the way the shipped launcher starts it. */
    private Path launcher() throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = dir.resolve("prestage");
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + classPath + "' prestage.shell.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Smbd.Result playbook(Path inventory, Path images, String... more) throws IOException {
        var cmd = new ArrayList<>(List.of("env", "ANSIBLE_NOCOLOR=1", "ANSIBLE_FORCE_COLOR=0", "ANSIBLE_LOCAL_TEMP=" + dir.resolve("ansible-tmp"),
                "ANSIBLE_RETRY_FILES_ENABLED=0", "ansible-playbook", "-i", inventory.toString(), PLAYBOOK.toString(),
                "-e", "prestage_source=" + images, "-e", "prestage_executable=" + launcher()));
        cmd.addAll(List.of(more));
        return Smbd.exec(cmd, null);
    }

    /** Ansible's recap line of {@code host}: {@code pc1 : ok=1 changed=1 unreachable=0 failed=0 ...}. */
    private static String recap(Smbd.Result r, String host) {
        String out = r.stdout();
        int at = out.indexOf("PLAY RECAP");
        assertTrue(at >= 0, "no PLAY RECAP:\n" + out + r.stderr());
        return out.substring(at).lines().filter(l -> l.startsWith(host + " ")).findFirst()
                .map(l -> l.replaceAll("\\s+", " ").strip()).orElseThrow(() -> new AssertionError("no recap line for " + host + ":\n" + out));
    }

    @Test
    void thePlaybookPrestagesTheInventoryReportsTheBrokenClientAndASecondRunChangesNothing() throws IOException {
        Smbd.requireToolFor("ansible-playbook", "ansible-core (apt-get install ansible-core)");
        Path images = Files.createDirectories(dir.resolve("images"));
        byte[] data = new byte[1_000_000];
        new Random(5).nextBytes(data);
        Files.write(images.resolve("Win7.ckm"), data);
        Files.writeString(images.resolve("Win7.ckm.index"), "index");
        try (Smbd smbd = Smbd.startWithAclXattr(dir.resolve("samba"), "user.NTACL")) {
            Path pc1 = Files.createDirectories(dir.resolve("pc1"));
            Path pc2 = Files.createDirectories(smbd.shareDir().resolve("pc2"));
            Path pc3 = Files.createDirectories(dir.resolve("pc3"));
            Files.writeString(pc3.resolve("MED-V Images"), "a file where the store folder belongs");
            Path inventory = dir.resolve("hosts.ini");
            Files.writeString(inventory, "[medv_clients]\npc1 prestage_target=" + pc1 + "\npc2 prestage_target=" + pc2
                    + "\npc3 prestage_target=" + pc3 + "\n");

            Smbd.Result first = playbook(inventory, images, "--diff");
            assertEquals(2, first.exitCode(), "ansible-playbook exits 2 when a host failed:\n" + first.stdout() + first.stderr());
            assertTrue(recap(first, "pc1").startsWith("pc1 : ok=1 changed=1 unreachable=0 failed=0"), recap(first, "pc1"));
            assertTrue(recap(first, "pc2").startsWith("pc2 : ok=1 changed=1 unreachable=0 failed=0"), recap(first, "pc2"));
            assertTrue(recap(first, "pc3").startsWith("pc3 : ok=0 changed=0 unreachable=0 failed=1"), recap(first, "pc3"));
            assertTrue(first.stdout().contains("C:\\\\MED-V Images is a file, not a folder"), "the module's msg names the problem:\n" + first.stdout());
            assertTrue(Pattern.compile("^\\+ +Win7\\.ckm \\(1\\.0 MB\\)$", Pattern.MULTILINE).matcher(first.stdout()).find(), "--diff shows the push:\n" + first.stdout());
            for (Path client : List.of(pc1, pc2)) FleetRunCliTest.sha256sumOk(client);
            assertEquals(List.of("ACL:S-1-5-11:0/0x10/0x0012008d", "ACL:S-1-5-18:0/0x10/0x001f01ff", "ACL:S-1-5-32-544:0/0x10/0x001f01ff"),
                    smbd.smbcacls("pc2/MED-V Images/PrestagedImages/Win7.ckm", "--numeric").lines().filter(l -> l.startsWith("ACL:")).toList());

            Files.delete(pc3.resolve("MED-V Images"));
            Smbd.Result second = playbook(inventory, images);
            assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
            assertTrue(recap(second, "pc1").startsWith("pc1 : ok=1 changed=0 unreachable=0 failed=0"), recap(second, "pc1"));
            assertTrue(recap(second, "pc2").startsWith("pc2 : ok=1 changed=0 unreachable=0 failed=0"), recap(second, "pc2"));
            assertTrue(recap(second, "pc3").startsWith("pc3 : ok=1 changed=1 unreachable=0 failed=0"), recap(second, "pc3"));
            FleetRunCliTest.sha256sumOk(pc3);
        }
    }
}
