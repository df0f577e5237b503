package prestage.smb.share;

import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbConnectException;
import prestage.smb.connect.SmbCredentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.security.Inheritance;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.Sddl;
import prestage.smb.testing.LoopbackSmbd;

/** SmbShare against a real smbd; the judges are smbclient, smbcacls and the share's folder on this machine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmbShareTest {
    private static final List<String> MEDV_ACES = List.of(
            "S-1-5-11:0/0x3/0x0012008d", "S-1-5-18:0/0x3/0x001f01ff", "S-1-5-32-544:0/0x3/0x001f01ff");
    private static final List<String> MEDV_FILE_ACES = List.of(
            "S-1-5-11:0/0x10/0x0012008d", "S-1-5-18:0/0x10/0x001f01ff", "S-1-5-32-544:0/0x10/0x001f01ff");

    @TempDir
    static Path tmp;
    LoopbackSmbd smbd;
    SmbShare share;

    @BeforeAll
    void start() throws IOException {
        smbd = LoopbackSmbd.start(tmp.resolve("samba"));
        share = open(LoopbackSmbd.SHARE, LoopbackSmbd.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (share != null) share.close();
        if (smbd != null) smbd.close();
    }

    private SmbShare open(String shareName, String password) {
        var address = SmbAddress.parse(smbd.url(shareName));
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, password));
        return SmbShare.connect(address, creds, SmbShare.defaultConfig());
    }

    @Test
    void negotiatesSmb311WithSigningAndLargeWrites() {
        assertEquals("SMB_3_1_1", share.dialect());
        assertTrue(share.signingRequired());
        assertTrue(share.maxWriteSize() >= 1 << 20, "max write " + share.maxWriteSize());
    }

    @Test
    void refusalsAreOneLineMessagesNamingTheHost() throws IOException {
        var wrong = assertThrows(SmbConnectException.class, () -> open(LoopbackSmbd.SHARE, "not-the-password"));
        assertTrue(wrong.getMessage().contains("127.0.0.1 refused the logon of root: wrong user name or password"), wrong.getMessage());
        var missing = assertThrows(SmbConnectException.class, () -> open("nosuchshare", LoopbackSmbd.PASSWORD));
        assertTrue(missing.getMessage().contains("127.0.0.1 has no share 'nosuchshare'"), missing.getMessage());
        var denied = assertThrows(SmbConnectException.class, () -> open(LoopbackSmbd.DENIED_SHARE, LoopbackSmbd.PASSWORD));
        assertTrue(denied.getMessage().contains("may not open") && denied.getMessage().contains("administrator"), denied.getMessage());
        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var address = SmbAddress.parse("smb://root@127.0.0.1:" + closed + "/C$");
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, "x"));
        var unreachable = assertThrows(SmbConnectException.class, () -> SmbShare.connect(address, creds, SmbShare.defaultConfig()));
        assertTrue(unreachable.getMessage().startsWith("cannot reach 127.0.0.1:" + closed + " over SMB"), unreachable.getMessage());
        for (var e : List.of(wrong, missing, denied, unreachable)) assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void pipelinedWriteReadRenameDelete() throws Exception {
        share.makeFolder("io");
        byte[] data = new byte[(int) (20.5 * (1 << 20))];
        new Random(11).nextBytes(data);
        try (SmbWriter w = share.openWrite("io\\big.part", true, SmbShare.DEFAULT_IN_FLIGHT)) {
            // unaligned pieces from a direct buffer exercise the copying path
            ByteBuffer direct = ByteBuffer.allocateDirect(3 << 20);
            long pos = 0;
            while (pos < data.length) {
                int n = (int) Math.min(direct.capacity() - 7, data.length - pos);
                direct.clear();
                direct.put(data, (int) pos, n).flip();
                w.write(direct, pos);
                pos += n;
            }
            w.flush();
            assertEquals(data.length, w.size());
        }
        share.replace("io\\big.part", "io\\big.bin");
        Path local = smbd.shareDir().resolve("io/big.bin");
        assertArrayEquals(sha256(data), sha256(Files.readAllBytes(local)));
        assertFalse(Files.exists(smbd.shareDir().resolve("io/big.part")));

        // rename over an existing file replaces it
        try (SmbWriter w = share.openWrite("io\\small", true, 2)) {
            w.write("new".getBytes(), 0, 3, 0);
        }
        Files.writeString(smbd.shareDir().resolve("io/target"), "old contents");
        share.replace("io\\small", "io\\target");
        assertEquals("new", Files.readString(smbd.shareDir().resolve("io/target")));

        try (SmbReader r = share.openRead("io/big.bin", SmbShare.DEFAULT_IN_FLIGHT)) {
            var md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            int n;
            while ((n = r.next(buf.clear())) >= 0) md.update(buf.array(), 0, n);
            assertArrayEquals(sha256(data), md.digest());
            ByteBuffer range = ByteBuffer.allocate(100);
            assertEquals(100, r.read(range, 5_000_000));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 5_000_000, 5_000_100), range.array());
            assertEquals(-1, r.read(ByteBuffer.allocate(10), data.length));
        }
        var entry = share.stat("io/big.bin").orElseThrow();
        assertEquals(data.length, entry.size());
        assertFalse(entry.isFolder());
        assertTrue(share.stat("io").orElseThrow().isFolder());
        assertTrue(share.stat("io/none").isEmpty());
        assertTrue(share.stat("none/none").isEmpty());
        assertEquals(List.of("big.bin", "target"), share.list("io").stream().map(SmbEntry::name).sorted().toList());
        assertTrue(share.usableSpace() > 0);
        share.delete("io/big.bin");
        share.delete("io/big.bin");
        assertFalse(Files.exists(local));
    }

    @Test
    void protectedDaclReadsBackExactlyAndNewFilesInheritLikeInheritance() throws IOException {
        share.makeFolder("MED-V Images");
        var medv = Sddl.parse("D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;0x1f01ff;;;SY)(A;OICI;0x1f01ff;;;BA)");
        share.writeSecurity("MED-V Images", medv);
        var acl = smbcacls("MED-V Images");
        assertEquals(0x9404, acl.control, "protected, auto-inherited, DACL present, self-relative");
        assertEquals(MEDV_ACES, acl.aces);
        SecurityDescriptor folder = share.readSecurity("MED-V Images");
        assertTrue(folder.isDaclProtected());
        assertEquals(medv.dacl().aces(), folder.dacl().aces());

        // a file created over SMB: the server computes its inherited ACEs, as Windows does
        try (SmbWriter w = share.openWrite("MED-V Images\\a.ckm", true, 1)) {
            w.write("x".getBytes(), 0, 1, 0);
        }
        var fileAcl = smbcacls("MED-V Images/a.ckm");
        assertEquals(MEDV_FILE_ACES, fileAcl.aces);
        SecurityDescriptor file = share.readSecurity("MED-V Images\\a.ckm");
        SecurityDescriptor expected = Inheritance.forNewChild(folder, false, file.owner(), file.group());
        assertEquals(expected.dacl().aces(), file.dacl().aces(), "server-side inheritance equals prestage.core Inheritance");
        share.makeFolder("MED-V Images\\PrestagedImages");
        SecurityDescriptor sub = share.readSecurity("MED-V Images\\PrestagedImages");
        assertEquals(Inheritance.forNewChild(folder, true, sub.owner(), sub.group()).dacl().aces(), sub.dacl().aces());
    }

    @Test
    void readOnlyAttributeShowsInAllinfo() throws IOException {
        Files.writeString(smbd.shareDir().resolve("ro.ckm"), "image");
        share.setReadOnly("ro.ckm", true);
        assertTrue(share.stat("ro.ckm").orElseThrow().isReadOnly());
        assertTrue(attributes(smbd.smbclient(LoopbackSmbd.SHARE, "allinfo ro.ckm")).contains("R"));
        share.setReadOnly("ro.ckm", false);
        assertFalse(attributes(smbd.smbclient(LoopbackSmbd.SHARE, "allinfo ro.ckm")).contains("R"));
        assertFalse(share.stat("ro.ckm").orElseThrow().isReadOnly());
    }

    /** The letters of allinfo's "attributes: RA (21)" line. */
    private static String attributes(String allinfo) {
        for (String line : allinfo.lines().toList()) {
            if (line.startsWith("attributes:")) return line.substring(11).strip().split(" ")[0];
        }
        throw new AssertionError("no attributes line in allinfo:\n" + allinfo);
    }

    private record SmbAcl(int control, List<String> aces) {
    }

    private SmbAcl smbcacls(String path) throws IOException {
        String out = smbd.smbcacls(LoopbackSmbd.SHARE, path, "--numeric");
        int control = -1;
        var aces = new ArrayList<String>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("CONTROL:")) control = Integer.decode(line.substring(8).strip());
            else if (line.startsWith("ACL:")) aces.add(line.substring(4).strip());
        }
        if (control < 0) throw new AssertionError("smbcacls printed no CONTROL line:\n" + out);
        return new SmbAcl(control, aces);
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
