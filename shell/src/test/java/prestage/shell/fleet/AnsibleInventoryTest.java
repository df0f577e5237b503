package prestage.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.smb.connect.SmbAddress;

/** Inventory hosts read by Ansible itself: an IPv6 ansible_host gets a usable target, a pattern is never taken for an option. */
@EnabledOnOs(OS.LINUX)
class AnsibleInventoryTest {
    @TempDir
    Path dir;

    @Test
    void anIpv6AnsibleHostGetsATargetInBracketsThatParsesBackToTheAddress() throws IOException {
        var vars = new ObjectMapper().readTree("{\"ansible_host\": \"::1\"}");
        FleetMember m = AnsibleInventory.member("pc6", vars);
        assertEquals("\\\\[::1]\\C$", m.target());
        SmbAddress a = SmbAddress.parse(m.target());
        assertEquals("::1", a.host());
        assertEquals("\\\\[::1]\\C$", a.unc(), "printed with brackets");
        assertEquals("\\\\[fe80::1]:4445\\C$", new SmbAddress("fe80::1", 4445, "C$", null, null).unc());
        assertEquals("\\\\pc7\\C$", AnsibleInventory.member("pc7", new ObjectMapper().readTree("{}")).target());
    }

    @Test
    void aPatternThatStartsWithADashIsAPatternForAnsibleNotAnOption() throws IOException {
        Path inventory = Files.writeString(dir.resolve("hosts.ini"), "[lab]\npc1\npc2\n");
        assertEquals(List.of(), AnsibleInventory.hosts(inventory.toString(), "-pc1"), "no host matches, rather than 'unrecognized arguments'");
        assertEquals(List.of("pc1", "pc2"), AnsibleInventory.hosts(inventory.toString(), "lab"));
    }
}
