package prestage.smb.svcctl;

import prestage.core.client.ServiceChanges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import prestage.core.BadInputException;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RootKey;
import prestage.smb.SmbClient;
import prestage.smb.testing.MsiRunner;
import prestage.smb.testing.WindowsClientFixture;

/**
 * A registry write on a client whose Remote Registry service is disabled (Windows 10/11's default), against the test
 * Windows client: the service is set to manual and started, the value written, and the service stopped and disabled
 * again when the client is closed.
 */
class RemoteRegistryStarterTest {
    private static final RegLocation KIDARO = RegLocation.physical(RegistryKeyPath.of(RootKey.HKEY_LOCAL_MACHINE, "SOFTWARE", "Kidaro"));

    private static List<String> serviceCalls(WindowsClientFixture client) throws IOException {
        return client.calls().stream().map(c -> c.get("op").asText() + (c.hasNonNull("service") ? " " + c.get("service").asText() : "")
                + (c.get("op").asText().equals("RChangeServiceConfigW") ? " start=" + c.get("start").asInt() : ""))
                .filter(o -> o.startsWith("R") && !o.startsWith("RQueryServiceStatus") && !o.startsWith("RCloseServiceHandle")).toList();
    }

    @Test
    void startsADisabledRemoteRegistryWritesAndPutsItBack(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "disabled")) {
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                c.registry().apply(List.of(new RegEdit.SetValue(KIDARO, RegValue.sz("PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages"))));
                assertEquals(4, client.services().get("remoteregistry").get("state").asInt(), "running while the run lasts");
                assertTrue(Files.exists(client.drive().resolve("Windows/Temp/prestage/remote-registry.txt")), "the note for a killed run");
            }
            JsonNode value = client.registry().get("SOFTWARE\\Kidaro").get("PrestagedImagesPath");
            assertEquals(1, value.get(0).asInt());
            assertEquals("C:\\MED-V Images\\PrestagedImages\0", new String(java.util.HexFormat.of().parseHex(value.get(1).asText()),
                    java.nio.charset.StandardCharsets.UTF_16LE));
            assertEquals(List.of("ROpenSCManagerW", "ROpenServiceW RemoteRegistry", "RQueryServiceConfigW RemoteRegistry",
                    "RChangeServiceConfigW RemoteRegistry start=3", "RStartServiceW RemoteRegistry",
                    "ROpenServiceW RemoteRegistry", "RControlService RemoteRegistry", "RChangeServiceConfigW RemoteRegistry start=4"),
                    serviceCalls(client));
            JsonNode rr = client.services().get("remoteregistry");
            assertEquals(4, rr.get("start").asInt(), "disabled again");
            assertEquals(1, rr.get("state").asInt(), "stopped again");
            assertFalse(Files.exists(client.drive().resolve("Windows/Temp/prestage")), "the note is gone");
        }
    }

    @Test
    void aCutConnectionStillPutsItBackOverANewLogon(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "disabled")) {
            var address = prestage.smb.connect.SmbAddress.parse(client.url());
            var creds = prestage.smb.connect.SmbCredentials.resolve(address, null,
                    java.util.Map.of(prestage.smb.connect.SmbCredentials.PASSWORD_VARIABLE, WindowsClientFixture.PASSWORD));
            var first = prestage.smb.share.SmbShare.connect(address, creds, prestage.smb.share.SmbShare.defaultConfig());
            var reconnects = new java.util.concurrent.atomic.AtomicInteger();
            SmbClient c = new SmbClient(first, null, ServiceChanges.ALLOWED, () -> {
                reconnects.incrementAndGet();
                return prestage.smb.share.SmbShare.connect(address, creds, prestage.smb.share.SmbShare.defaultConfig());
            });
            c.registry().apply(List.of(new RegEdit.SetValue(KIDARO, RegValue.sz("PrestagedImagesPath", "C:\\X"))));
            first.close(); // the connection is gone (a network cut, a server that dropped the session)
            c.close();
            assertEquals(1, reconnects.get(), "put back over a new logon");
            JsonNode rr = client.services().get("remoteregistry");
            assertEquals(4, rr.get("start").asInt(), "disabled again");
            assertEquals(1, rr.get("state").asInt(), "stopped again");
        }
    }

    @Test
    void aManualOneIsStartedAndStoppedAndKeepsItsStartType(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "manual")) {
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                assertTrue(c.registry().values(KIDARO).isEmpty());
            }
            assertTrue(serviceCalls(client).stream().noneMatch(o -> o.startsWith("RChangeServiceConfigW")), serviceCalls(client).toString());
            assertEquals(3, client.services().get("remoteregistry").get("start").asInt());
            assertEquals(1, client.services().get("remoteregistry").get("state").asInt());
        }
    }

    @Test
    void noServiceChangesNamesTheCommandsAndChangesNothing(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "disabled")) {
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.REFUSED)) {
                var e = assertThrows(BadInputException.class, () -> c.registry().values(KIDARO));
                assertTrue(e.getMessage().contains("an admin can run: sc \\\\127.0.0.1 config RemoteRegistry start= demand && sc \\\\127.0.0.1 "
                        + "start RemoteRegistry"), e.getMessage());
            }
            assertEquals(List.of("ROpenSCManagerW", "ROpenServiceW RemoteRegistry", "RQueryServiceConfigW RemoteRegistry"), serviceCalls(client));
        }
    }

    @Test
    void accessDeniedOnTheServiceManagerNamesUacRemoteRestrictions(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "disabled", "--deny-service-manager")) {
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                var e = assertThrows(IOException.class, () -> c.registry().values(KIDARO));
                assertTrue(e.getMessage().contains("access denied; log on as an administrator of 127.0.0.1 (UAC remote restrictions filter local "
                        + "accounts"), e.getMessage());
                assertTrue(e.getMessage().contains("LocalAccountTokenFilterPolicy"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"));
            }
        }
    }
}
