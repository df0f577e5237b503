package prestage.smb.svcctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.rapid7.client.dcerpc.RPCException;

import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbCredentials;
import prestage.smb.share.SmbShare;
import prestage.smb.testing.WindowsClientFixture;

/** The MS-SCMR calls, judged by impacket's scmr decoding them in the test Windows client. */
class ServiceManagerTest {

    private static SmbShare connect(WindowsClientFixture client) {
        var address = SmbAddress.parse(client.url());
        return SmbShare.connect(address, SmbCredentials.resolve(address, null, client.environment()), SmbShare.defaultConfig());
    }

    @Test
    void createsStartsAndDeletesAServiceAsImpacketDecodesIt(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "running"); var share = connect(client); var scm = ServiceManager.open(share.session(), "127.0.0.1")) {
            String binPath = "%COMSPEC% /c start \"\" /b %COMSPEC% /c C:\\Windows\\Temp\\prestage\\ab\\install.cmd";
            byte[] svc = scm.createService("prestage-test", "prestage: a \"quoted\" name", binPath);
            assertEquals(ServiceManager.SERVICE_STOPPED, scm.state(svc, "prestage-test"));
            RPCException exists = assertThrows(RPCException.class, () -> scm.createService("prestage-test", null, binPath));
            assertEquals(ServiceManager.ERROR_SERVICE_EXISTS, exists.getReturnValue());
            scm.deleteService(svc, "prestage-test");
            scm.closeHandle(svc);
            assertTrue(scm.openService("prestage-test", ServiceManager.SERVICE_MANAGE).isEmpty());

            List<JsonNode> created = client.calls().stream().filter(c -> c.get("op").asText().equals("RCreateServiceW")).toList();
            assertEquals(2, created.size());
            JsonNode c = created.get(0);
            assertEquals("prestage-test", c.get("service").asText());
            assertEquals("prestage: a \"quoted\" name", c.get("display").asText());
            assertEquals(binPath, c.get("binPath").asText());
            assertEquals(0x10, c.get("type").asInt(), "SERVICE_WIN32_OWN_PROCESS");
            assertEquals(3, c.get("start").asInt(), "SERVICE_DEMAND_START");
            assertEquals(CreateServiceW.ONE_SHOT_ACCESS, c.get("access").asInt());
            assertTrue(c.get("account").isNull(), "LocalSystem: no account, no password");
            assertTrue(created.get(1).get("display").isNull(), "a null display name is a null pointer");
            assertFalse(client.services().has("prestage-test"));
        }
    }

    @Test
    void readsChangesStartsAndStopsRemoteRegistry(@TempDir Path dir) throws IOException {
        try (var client = WindowsClientFixture.start(dir, "disabled"); var share = connect(client); var scm = ServiceManager.open(share.session(), "127.0.0.1")) {
            byte[] rr = scm.openService("RemoteRegistry", ServiceManager.SERVICE_MANAGE).orElseThrow();
            assertEquals(ServiceManager.SERVICE_DISABLED, scm.startType(rr, "RemoteRegistry"));
            assertEquals(ServiceManager.ERROR_SERVICE_DISABLED, scm.start(rr));
            scm.setStartType(rr, "RemoteRegistry", ServiceManager.SERVICE_DEMAND_START);
            assertEquals(ServiceManager.SERVICE_DEMAND_START, client.services().get("remoteregistry").get("start").asInt());
            assertEquals(0, scm.start(rr));
            assertEquals(ServiceManager.SERVICE_RUNNING, scm.state(rr, "RemoteRegistry"));
            scm.stop(rr, "RemoteRegistry");
            scm.stop(rr, "RemoteRegistry"); // not running: fine
            assertEquals(ServiceManager.SERVICE_STOPPED, scm.state(rr, "RemoteRegistry"));
            scm.closeHandle(rr);
        }
    }
}
