package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.shell.Prestage.Result;
import prestage.smb.testing.LoopbackSmbd;
import prestage.smb.testing.SambaDomain;

/**
 * A fleet of machines on the network: three real smbd servers on loopback, each its own client over SMB, one broken
 * (a file where its store folder belongs). The run finishes the other two, reports the broken one and exits 1;
 * after the repair --retry-failed completes it. Judged by sha256sum -c on each served folder, smbcacls and
 * net rpc registry.
 */
@EnabledOnOs(OS.LINUX)
class FleetOverSmbTest extends SmbCliFixture {

    @Test
    void threeMachinesOneBrokenThenRetried() throws Exception {
        Path images = images(3, 21);
        Path creds = credentials();
        var servers = new ArrayList<LoopbackSmbd>();
        try {
            for (int i = 0; i < 3; i++) {
                var smbd = LoopbackSmbd.start(dir.resolve("pc" + i));
                servers.add(smbd);
                smbd.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node");
            }
            LoopbackSmbd broken = servers.get(2);
            Files.writeString(broken.shareDir().resolve("MED-V Images"), "a file where the store folder belongs");
            var args = new ArrayList<>(List.of("run", "medv-prestage", "-p", "source=" + images, "--credentials", creds.toString(),
                    "--forks", "3", "--json"));
            servers.forEach(s -> args.addAll(List.of("--target", s.url(LoopbackSmbd.SHARE))));

            Result first = prestage(args.toArray(String[]::new));
            assertEquals(1, first.exit(), first.err());
            JsonNode doc = first.json();
            for (int i = 0; i < 2; i++) {
                JsonNode c = FleetRunCliTest.client(doc, servers.get(i).url(LoopbackSmbd.SHARE));
                assertEquals("changed", c.get("state").asText(), c.toString());
                judge(servers.get(i));
            }
            JsonNode b = FleetRunCliTest.client(doc, broken.url(LoopbackSmbd.SHARE));
            assertEquals("failed", b.get("state").asText(), b.toString());

            Files.delete(broken.shareDir().resolve("MED-V Images"));
            Path results = dir.resolve("results.json");
            Files.writeString(results, first.out());
            Result retry = prestage("run", "medv-prestage", "--retry-failed", results.toString(), "-p", "source=" + images,
                    "--credentials", creds.toString(), "--json");
            assertEquals(0, retry.exit(), retry.err());
            assertEquals(1, retry.json().get("clients").size(), retry.out());
            judge(broken);
        } finally {
            for (var s : servers) s.close();
        }
    }

    /**
     * A wrong password is tried on one client only: each failed logon counts toward a domain's lockout. The clients
     * after it are reported not attempted, nothing of theirs is touched, and --retry-failed (with the right password)
     * takes all of them up.
     */
    @Test
    void aRefusedLogonStopsTheFleetUsingThoseCredentialsAndRetryFailedTakesTheRestUp() throws Exception {
        Path images = images(1, 22);
        Path wrong = LoopbackSmbd.ownerOnly(Files.writeString(dir.resolve("wrong.cred"), "username = " + LoopbackSmbd.USER + "\npassword = not-the-password\n"));
        try (var smbd = LoopbackSmbd.start(dir.resolve("server"))) {
            var shares = List.of(LoopbackSmbd.SHARE, LoopbackSmbd.READ_ONLY_SHARE, LoopbackSmbd.DENIED_SHARE);
            var args = new ArrayList<>(List.of("run", "medv-prestage", "-p", "source=" + images, "--credentials", wrong.toString(),
                    "--forks", "1", "--json", "--results", dir.resolve("results.jsonl").toString()));
            shares.forEach(s -> args.addAll(List.of("--target", smbd.url(s))));
            Result first = prestage(args.toArray(String[]::new));
            assertEquals(2, first.exit(), "no client was changed: bad input, " + first.err());
            JsonNode doc = first.json();
            JsonNode refused = FleetRunCliTest.client(doc, smbd.url(LoopbackSmbd.SHARE));
            assertEquals("unreachable", refused.get("state").asText(), refused.toString());
            assertTrue(refused.get("error").asText().contains("refused the logon of"), refused.toString());
            for (String share : shares.subList(1, 3)) {
                JsonNode c = FleetRunCliTest.client(doc, smbd.url(share));
                assertEquals("not attempted", c.get("state").asText(), c.toString());
                assertEquals("not attempted: credentials refused by 127.0.0.1", c.get("error").asText(), c.toString());
                assertEquals(false, c.get("finished").asBoolean());
            }
            assertTrue(first.err().contains("not attempted: credentials refused by 127.0.0.1"), first.err());
            assertEquals(List.of(), listing(smbd.shareDir()), "nothing was written");

            Result retry = prestage("run", "medv-prestage", "--retry-failed", dir.resolve("results.jsonl").toString(), "-p", "source=" + images,
                    "--credentials", credentials().toString(), "--json", "--forks", "1");
            var names = new ArrayList<String>();
            retry.json().get("clients").forEach(c -> names.add(c.get("name").asText()));
            assertEquals(shares.stream().map(smbd::url).toList(), names, "every client of the first run is retried: " + retry.err());
            assertStoreChecksOut(smbd);
        }
    }

    private static List<String> listing(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /**
     * One fleet, two logons: two machines of a workgroup (NTLM with the --credentials password) and one member of a
     * Kerberos-only domain, its logon given by inventory host variables (prestage_auth, prestage_keytab,
     * prestage_principal, as docs/kerberos.md names them). prestage runs inside the domain's namespaces; the two smbd
     * servers on this JVM's loopback are relayed into them at the same ports.
     */
    @Test
    void workgroupMachinesAndAKerberosDomainMemberFromOneInventory() throws Exception {
        SambaDomain domain = SambaDomain.shared();
        domain.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node");
        Path images = images(2, 23);
        Path creds = credentials();
        var servers = new ArrayList<LoopbackSmbd>();
        try {
            var inventory = new StringBuilder("all:\n  hosts:\n");
            for (int i = 0; i < 2; i++) {
                var smbd = LoopbackSmbd.start(dir.resolve("pc" + i));
                servers.add(smbd);
                smbd.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node");
                domain.reachHostPort(smbd.port());
                inventory.append("    pc").append(i).append(":\n      prestage_target: '").append(smbd.url(LoopbackSmbd.SHARE)).append("'\n");
            }
            inventory.append("    dc:\n      prestage_target: '").append(SambaDomain.unc(SambaDomain.FLEET_SHARE)).append("'\n")
                    .append("      prestage_auth: kerberos\n")
                    .append("      prestage_keytab: '").append(domain.adminKeytab()).append("'\n")
                    .append("      prestage_principal: '").append(SambaDomain.ADMIN).append("'\n")
                    .append("      prestage_param_root: 'F:\\'\n");
            Path inv = Files.writeString(dir.resolve("inventory.yml"), inventory.toString());

            PrestageInDomain.Run run = PrestageInDomain.prestage(domain, java.util.Map.of(), List.of(), "run", "medv-prestage",
                    "--inventory", inv.toString(), "--credentials", creds.toString(), "-p", "source=" + images, "--forks", "3", "--json");
            assertEquals(0, run.exit(), run.err());
            JsonNode doc = run.json();
            for (String host : List.of("pc0", "pc1", "dc")) {
                JsonNode c = FleetRunCliTest.client(doc, host);
                assertEquals("changed", c.get("state").asText(), c.toString());
            }
            assertEquals("kerberos", FleetRunCliTest.client(doc, "dc").path("logon").path("auth").asText(), doc.toString());
            for (var smbd : servers) judge(smbd);
            PrestageInDomain.judge(domain, SambaDomain.FLEET_SHARE, "F:");
        } finally {
            for (var s : servers) s.close();
        }
    }

    private static void judge(LoopbackSmbd smbd) throws Exception {
        assertStoreChecksOut(smbd);
        String acl = smbd.smbcacls(LoopbackSmbd.SHARE, "MED-V Images", "--numeric");
        assertTrue(acl.contains("CONTROL:0x9404") && acl.contains("ACL:S-1-5-11:0/0x3/0x0012008d"), acl);
        String value = smbd.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "PrestagedImagesPath");
        assertTrue(value.contains("C:\\MED-V Images\\PrestagedImages"), value);
    }
}
