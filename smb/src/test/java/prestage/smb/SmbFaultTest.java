package prestage.smb;

import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbCredentials;
import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hierynomus.mssmb2.SMBApiException;

import prestage.smb.testing.LoopbackSmbd;

/** Faults at the SMB layer: a connection cut mid-write, then a new session that carries on; a read-only share. */
class SmbFaultTest {
    private static final int MIB = 1 << 20;

    private static SmbShare open(LoopbackSmbd smbd, String share) {
        var address = SmbAddress.parse(smbd.url(share));
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, LoopbackSmbd.PASSWORD));
        return SmbShare.connect(address, creds, SmbShare.defaultConfig());
    }

    @Test
    void cutMidWriteFailsPromptlyAndANewSessionResumes(@TempDir Path dir) throws Exception {
        byte[] data = new byte[48 * MIB];
        new Random(7).nextBytes(data);
        try (var smbd = LoopbackSmbd.start(dir)) {
            SmbShare first = open(smbd, LoopbackSmbd.SHARE);
            SmbWriter w = first.openWrite("image.ckm.part", true, SmbShare.DEFAULT_IN_FLIGHT);
            int piece = 2 * MIB;
            IOException cut = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class, () -> {
                for (int pos = 0; pos < data.length; pos += piece) {
                    if (pos == 16 * MIB) {
                        w.drain();
                        assertTrue(smbd.cutConnections() >= 1, "no connection to cut");
                    }
                    w.write(ByteBuffer.wrap(data, pos, piece), pos);
                }
                w.drain();
            }));
            assertFalse(cut.getMessage().contains("\n"), cut.getMessage());
            try {
                w.close();
            } catch (IOException | RuntimeException e) {
                // the connection is gone; closing only has to release what it holds
            }
            first.close();

            // a new session sees what reached the server and writes the rest from there
            try (SmbShare second = open(smbd, LoopbackSmbd.SHARE)) {
                long have = second.stat("image.ckm.part").orElseThrow().size();
                assertTrue(have >= 16 * MIB && have < data.length, "server kept " + have + " bytes");
                long resumeAt = have / piece * piece;
                try (SmbWriter rest = second.openWrite("image.ckm.part", false, SmbShare.DEFAULT_IN_FLIGHT)) {
                    rest.write(ByteBuffer.wrap(data, (int) resumeAt, (int) (data.length - resumeAt)), resumeAt);
                    rest.flush();
                    assertEquals(data.length, rest.size());
                }
                second.replace("image.ckm.part", "image.ckm");
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(smbd.shareDir().resolve("image.ckm"))));
        }
    }

    @Test
    void readOnlyShareRefusesAndKeepsNothing(@TempDir Path dir) throws IOException {
        try (var smbd = LoopbackSmbd.start(dir); SmbShare ro = open(smbd, LoopbackSmbd.READ_ONLY_SHARE)) {
            var e = assertThrows(SMBApiException.class, () -> ro.openWrite("x.part", true, 1));
            assertTrue(e.getMessage().contains("ACCESS_DENIED") || e.getMessage().contains("WRITE_PROTECTED"), e.getMessage());
            assertThrows(SMBApiException.class, () -> ro.makeFolder("folder"));
            try (var files = Files.list(smbd.shareDir(LoopbackSmbd.READ_ONLY_SHARE))) {
                assertEquals(0, files.count());
            }
        }
    }
}
