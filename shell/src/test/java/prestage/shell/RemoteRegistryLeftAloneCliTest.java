package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.shell.Prestage.Result;
import prestage.smb.testing.WindowsClientFixture;

/**
 * What prestage does NOT change on a Windows client whose Remote Registry service is disabled (Windows 10/11's default),
 * judged by the test Windows client's recorded calls (impacket decodes each): {@code registry set --what-if} says it
 * would start the service (a planned change, exit 3) and starts nothing. (That push does not start it for its MED-V
 * warning is in WindowsClientInDomainTest: impacket's SMB server cannot take a push.)
 */
class RemoteRegistryLeftAloneCliTest {
    private static final String SERVICE_CHANGES = "RChangeServiceConfigW|RStartServiceW|RControlService|RCreateServiceW";

    private static Path credentials(Path dir) throws Exception {
        Path creds = Files.writeString(dir.resolve("creds"), "username = " + WindowsClientFixture.USER + "\npassword = "
                + WindowsClientFixture.PASSWORD + "\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
        return creds;
    }

    private static void assertNoServiceChanged(WindowsClientFixture client) throws Exception {
        List<JsonNode> calls = client.calls();
        assertTrue(calls.stream().noneMatch(c -> c.get("op").asText().matches(SERVICE_CHANGES)), calls.toString());
        JsonNode rr = client.services().get("remoteregistry");
        assertEquals(4, rr.get("start").asInt(), "RemoteRegistry still disabled");
        assertEquals(1, rr.get("state").asInt(), "RemoteRegistry still stopped");
    }

    @Test
    void registrySetWhatIfSaysItWouldStartTheServiceAndStartsNothing(@TempDir Path dir) throws Exception {
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            Result r = prestage("registry", "set", "HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages",
                    "--view", "32", "--what-if", "--target", client.url(), "--credentials", credentials(dir).toString());
            assertEquals(3, r.exit(), "a planned change, not a failure: " + r.out() + r.err());
            assertTrue(r.out().contains("would start the Remote Registry service of 127.0.0.1 (disabled now, set to manual for the run)"), r.out());
            assertTrue(r.out().contains("then would set REG_SZ"), r.out());
            assertNoServiceChanged(client);
            assertTrue(client.calls().stream().noneMatch(c -> c.get("op").asText().startsWith("BaseReg")), "nothing written");
        }
    }
}
