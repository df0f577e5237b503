package prestage.smb.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself: reachable from this JVM, judged by the Samba tools, registry writable, stopped by PID. */
class LoopbackSmbdTest {
    @Test
    void servesTheJvmTheToolsAndTheRegistry(@TempDir Path dir) throws IOException {
        long dcerpcd;
        try (var smbd = LoopbackSmbd.start(dir)) {
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", smbd.port()), 2000);
            }
            smbd.smbclient(LoopbackSmbd.SHARE, "mkdir fromclient");
            assertTrue(Files.isDirectory(smbd.shareDir().resolve("fromclient")));
            String acl = smbd.smbcacls(LoopbackSmbd.SHARE, "fromclient", "--numeric");
            assertTrue(acl.contains("REVISION:1"), acl);
            smbd.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\PrestageFixture");
            smbd.netRpc("registry", "setvalue", "HKLM\\SOFTWARE\\PrestageFixture", "V", "sz", "hello");
            String v = smbd.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\PrestageFixture", "V");
            assertTrue(v.contains("hello"), v);
            dcerpcd = Long.parseLong(Files.readString(dir.resolve("pid/samba-dcerpcd.pid")).strip());
            assertTrue(ProcessHandle.of(dcerpcd).isPresent());
        }
        assertFalse(ProcessHandle.of(dcerpcd).map(ProcessHandle::isAlive).orElse(false), "samba-dcerpcd left running");
    }

    @Test
    void cutConnectionsDropsALiveClient(@TempDir Path dir) throws IOException {
        try (var smbd = LoopbackSmbd.start(dir); var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", smbd.port()), 2000);
            // a bare TCP connection already has its own smbd child
            long deadline = System.currentTimeMillis() + 5000;
            int cut = 0;
            while (cut == 0 && System.currentTimeMillis() < deadline) cut = smbd.cutConnections();
            assertTrue(cut >= 1, "no connection child found");
            s.setSoTimeout(5000);
            assertThrows(IOException.class, () -> {
                if (s.getInputStream().read() < 0) throw new IOException("closed");
            });
        }
    }
}
