package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2GlobalCapability;
import com.hierynomus.mssmb2.messages.SMB2NegotiateRequest;
import com.hierynomus.smb.Packets;
import com.hierynomus.smb.SMBBuffer;

import prestage.core.testing.Smbd;
import prestage.smb.share.SmbReader;
import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbWriter;
import prestage.smb.testing.LoopbackSmbd;

/**
 * AES-GMAC signing negotiated into smbj 0.14 ({@link SigningNegotiation}), against a real smbd that requires every
 * message signed. The judges: the algorithm the server put in its answer, smbd accepting our signatures (a spoiled one
 * is refused), smbj accepting smbd's (reads), and {@code sha256sum -c} in the share's folder. These tests fail when
 * an smbj upgrade moves what SigningNegotiation relies on: the request's mutable context list, the layout smbj writes,
 * the pre-authentication hash taken over the bytes sent, or the "AesCmac" name smbj asks its provider for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmacSigningTest {
    @TempDir
    static Path tmp;
    LoopbackSmbd smbd;

    @BeforeAll
    void start() throws IOException {
        System.setProperty("prestage.smb.signing", "gmac"); // offered by default on JDK 25+ only (SigningNegotiation)
        smbd = LoopbackSmbd.start(tmp.resolve("samba"), Map.of(), Map.of("server signing", "mandatory"));
    }

    @AfterAll
    void stop() {
        System.clearProperty("prestage.smb.signing");
        if (smbd != null) smbd.close();
    }

    private SmbShare open() {
        var address = SmbAddress.parse(smbd.url(LoopbackSmbd.SHARE));
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, LoopbackSmbd.PASSWORD));
        return SmbShare.connect(address, creds, SmbShare.defaultConfig());
    }

    private void sha256sumCheck(String name, byte[] data) throws Exception {
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Files.writeString(smbd.shareDir().resolve(name + ".sha256"), sum + "  " + name + "\n");
        var r = Smbd.exec(List.of("sh", "-c", "cd \"$1\" && sha256sum -c \"$2\"", "sh", smbd.shareDir().toString(), name + ".sha256"), null);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void smbdChoosesGmacAndTakesSignedWritesAndSignsReads() throws Exception {
        byte[] data = new byte[(int) (19.7 * (1 << 20))];
        new Random(11).nextBytes(data);
        try (SmbShare share = open()) {
            assertEquals("SMB_3_1_1", share.dialect());
            assertTrue(share.signingRequired());
            assertEquals("AES-128-GMAC", share.signingAlgorithm());
            try (SmbWriter w = share.openWrite("gmac.bin", true, SmbShare.DEFAULT_IN_FLIGHT)) {
                for (int pos = 0; pos < data.length; pos += w.chunkSize()) w.write(data, pos, Math.min(w.chunkSize(), data.length - pos), pos);
                w.flush();
            }
            // every answer smbd signs with GMAC is checked by smbj through GmacMac: a wrong tag fails the read
            ByteBuffer back = ByteBuffer.allocate(data.length);
            try (SmbReader r = share.openRead("gmac.bin", SmbShare.DEFAULT_IN_FLIGHT)) {
                while (back.hasRemaining() && r.next(back) > 0) { /* reads until the end of the file */ }
            }
            assertArrayEquals(data, back.array());
        }
        sha256sumCheck("gmac.bin", data);
    }

    @Test
    void cmacStaysAvailableBySetting() throws Exception {
        System.setProperty("prestage.smb.signing", "cmac");
        try (SmbShare share = open()) {
            assertEquals("AES-128-CMAC", share.signingAlgorithm());
            try (SmbWriter w = share.openWrite("cmac.bin", true, 1)) {
                w.write(new byte[] {1, 2, 3}, 0, 3, 0);
                w.flush();
            }
        } finally {
            System.setProperty("prestage.smb.signing", "gmac");
        }
        sha256sumCheck("cmac.bin", new byte[] {1, 2, 3});
    }

    @Test
    void aSpoiledGmacSignatureIsRefused() throws Exception {
        var spoiling = new SpoilingProvider();
        // smbd answers a badly signed request with an unsigned error, which smbj drops: the write then fails by timeout
        var config = com.hierynomus.smbj.SmbConfig.builder(SmbShare.defaultConfig()).withSecurityProvider(spoiling)
                .withTimeout(5, java.util.concurrent.TimeUnit.SECONDS).withSoTimeout(5, java.util.concurrent.TimeUnit.SECONDS).build();
        var address = SmbAddress.parse(smbd.url(LoopbackSmbd.SHARE));
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, LoopbackSmbd.PASSWORD));
        try (SmbShare share = SmbShare.connect(address, creds, config)) {
            assertEquals("AES-128-GMAC", share.signingAlgorithm());
            SmbWriter w = share.openWrite("spoiled.bin", true, 1);
            spoiling.armed = true;
            assertThrows(IOException.class, () -> {
                try (w) {
                    w.write(new byte[1 << 16], 0, 1 << 16, 0);
                    w.flush();
                }
            });
        } catch (RuntimeException closing) {
            // smbd may drop the connection; what matters is that the write failed
        }
        Path spoiled = smbd.shareDir().resolve("spoiled.bin");
        assertTrue(!Files.exists(spoiled) || Files.size(spoiled) == 0, "a badly signed WRITE was accepted");
    }

    /** prestage's provider for one connection, whose signatures can be spoiled (one bit flipped) on demand. */
    private static final class SpoilingProvider implements com.hierynomus.security.SecurityProvider, SigningNegotiation.Carrier {
        private final SigningNegotiation negotiation = new SigningNegotiation();
        private final JdkSecurityProvider real = new JdkSecurityProvider(negotiation);
        volatile boolean armed;

        @Override
        public SigningNegotiation signing() {
            return negotiation;
        }

        @Override
        public com.hierynomus.security.Mac getMac(String name) throws com.hierynomus.security.SecurityException {
            var mac = real.getMac(name);
            return new com.hierynomus.security.Mac() {
                public void init(byte[] key) throws com.hierynomus.security.SecurityException { mac.init(key); }
                public void update(byte b) { mac.update(b); }
                public void update(byte[] a) { mac.update(a); }
                public void update(byte[] a, int o, int l) { mac.update(a, o, l); }
                public void reset() { mac.reset(); }
                public byte[] doFinal() {
                    byte[] tag = mac.doFinal();
                    if (armed) tag[0] ^= 1;
                    return tag;
                }
            };
        }

        public com.hierynomus.security.MessageDigest getDigest(String n) throws com.hierynomus.security.SecurityException { return real.getDigest(n); }
        public com.hierynomus.security.Cipher getCipher(String n) throws com.hierynomus.security.SecurityException { return real.getCipher(n); }
        public com.hierynomus.security.AEADBlockCipher getAEADBlockCipher(String n) throws com.hierynomus.security.SecurityException { return real.getAEADBlockCipher(n); }
        public com.hierynomus.security.DerivationFunction getDerivationFunction(String n) throws com.hierynomus.security.SecurityException { return real.getDerivationFunction(n); }
    }

    /** A server that requires encryption, with encryption offered: the session is sealed (AES-GCM) instead of signed. */
    @Test
    void aShareThatRequiresEncryptionIsSealed() throws Exception {
        System.setProperty("prestage.smb.encrypt", "true");
        try {
            sealedRoundTrip();
        } finally {
            System.clearProperty("prestage.smb.encrypt");
        }
    }

    private void sealedRoundTrip() throws Exception {
        byte[] data = new byte[(int) (9.3 * (1 << 20))];
        new Random(12).nextBytes(data);
        try (var sealing = LoopbackSmbd.start(tmp.resolve("samba-sealed"), Map.of(), Map.of("server signing", "mandatory", "smb encrypt", "required"))) {
            var address = SmbAddress.parse(sealing.url(LoopbackSmbd.SHARE));
            var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, LoopbackSmbd.PASSWORD));
            try (SmbShare share = SmbShare.connect(address, creds, SmbShare.defaultConfig())) {
                try (SmbWriter w = share.openWrite("sealed.bin", true, SmbShare.DEFAULT_IN_FLIGHT)) {
                    for (int pos = 0; pos < data.length; pos += w.chunkSize()) w.write(data, pos, Math.min(w.chunkSize(), data.length - pos), pos);
                    w.flush();
                }
                ByteBuffer back = ByteBuffer.allocate(data.length);
                try (SmbReader r = share.openRead("sealed.bin", SmbShare.DEFAULT_IN_FLIGHT)) {
                    while (back.hasRemaining() && r.next(back) > 0) { /* reads until the end of the file */ }
                }
                assertArrayEquals(data, back.array());
            }
            String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            Files.writeString(sealing.shareDir().resolve("sealed.sha256"), sum + "  sealed.bin\n");
            var r = Smbd.exec(List.of("sh", "-c", "cd \"$1\" && sha256sum -c sealed.sha256", "sh", sealing.shareDir().toString()), null);
            assertEquals(0, r.exitCode(), r.toString());
        }
    }

    /** What smbj writes once the context is offered: MS-SMB2 2.2.3.1.7 as the last context, counted, inside the message. */
    @Test
    void theOfferIsPartOfTheBytesSmbjHashes() {
        var request = new SMB2NegotiateRequest(EnumSet.of(SMB2Dialect.SMB_3_0_2, SMB2Dialect.SMB_3_1_1), UUID.randomUUID(), true,
                EnumSet.of(SMB2GlobalCapability.SMB2_GLOBAL_CAP_ENCRYPTION), new byte[32]);
        var negotiation = new SigningNegotiation();
        negotiation.offer(request);
        var buffer = new SMBBuffer();
        request.write(buffer);
        negotiation.markOffered(buffer.array(), buffer.available());
        byte[] hashed = Packets.getPacketBytes(request);
        int count = SigningNegotiation.u16(hashed, 64 + 32);
        assertEquals(3, count, "preauth, encryption, signing");
        int at = (int) SigningNegotiation.u32(hashed, 64 + 28);
        for (int i = 0; i < count - 1; i++) at = SigningNegotiation.align8(at + 8 + SigningNegotiation.u16(hashed, at + 2));
        assertEquals(SigningNegotiation.SIGNING_CAPABILITIES, SigningNegotiation.u16(hashed, at));
        assertEquals(6, SigningNegotiation.u16(hashed, at + 2));
        assertEquals(at + 8 + 6, hashed.length, "the context ends the message smbj hashes");
        assertEquals(List.of(2, SigningNegotiation.AES_GMAC, SigningNegotiation.AES_CMAC),
                List.of(SigningNegotiation.u16(hashed, at + 8), SigningNegotiation.u16(hashed, at + 10), SigningNegotiation.u16(hashed, at + 12)));
        // an SMB 3.0-only request has no contexts and gets none
        var old = new SMB2NegotiateRequest(EnumSet.of(SMB2Dialect.SMB_3_0_2), UUID.randomUUID(), true, EnumSet.noneOf(SMB2GlobalCapability.class), new byte[32]);
        negotiation.offer(old);
        assertTrue(old.getNegotiateContextList().isEmpty());
    }

    /** The response smbj parses: the unknown context hidden, the bytes (and so the hash) untouched. */
    @Test
    void theAnswerIsParsedWithoutTheContextSmbjDoesNotKnow() throws Exception {
        byte[] answer = negotiateResponse(new int[][] {{1, 0x26}, {8, 4}, {2, 4}});
        byte[] copy = answer.clone();
        var view = NegotiateResponseView.of(answer);
        assertNotNull(view);
        assertEquals(SigningNegotiation.AES_GMAC, view.signingAlgorithm());
        var data = view.packetData();
        var response = new com.hierynomus.mssmb2.messages.SMB2NegotiateResponse();
        var read = com.hierynomus.mssmb2.SMB2Packet.class.getDeclaredMethod("read", com.hierynomus.mssmb2.SMB2PacketData.class);
        read.setAccessible(true);
        read.invoke(response, data);
        assertEquals(2, response.getNegotiateContextList().size());
        assertEquals("SMB2_PREAUTH_INTEGRITY_CAPABILITIES", response.getNegotiateContextList().get(0).getNegotiateContextType().name());
        assertEquals("SMB2_ENCRYPTION_CAPABILITIES", response.getNegotiateContextList().get(1).getNegotiateContextType().name());
        assertArrayEquals(copy, Packets.getPacketBytes(response));
        // no unknown context: smbj's own path
        assertNull(NegotiateResponseView.of(negotiateResponse(new int[][] {{1, 0x26}})));
    }

    /** The nonce of MS-SMB2 3.1.4.1, and the tag is AES-GCM's over the message as additional data. */
    @Test
    void gmacIsGcmOverTheMessageWithTheHeadersNonce() throws Exception {
        byte[] message = new byte[300];
        new Random(3).nextBytes(message);
        message[12] = 0x0C; // CANCEL
        message[13] = 0;
        message[16] = 0x01; // SERVER_TO_REDIR
        byte[] iv = GmacMac.nonce(message);
        assertArrayEquals(java.util.Arrays.copyOfRange(message, 24, 32), java.util.Arrays.copyOf(iv, 8));
        assertArrayEquals(new byte[] {3, 0, 0, 0}, java.util.Arrays.copyOfRange(iv, 8, 12));
        message[12] = 0x09; // WRITE
        message[16] = 0;
        assertArrayEquals(new byte[] {0, 0, 0, 0}, java.util.Arrays.copyOfRange(GmacMac.nonce(message), 8, 12));

        byte[] key = new byte[16];
        new Random(4).nextBytes(key);
        var mac = new GmacMac();
        mac.init(key);
        mac.update(message, 0, 10);
        mac.update(message[10]);
        mac.update(message, 11, message.length - 11);
        byte[] tag = mac.doFinal();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, GmacMac.nonce(message)));
        gcm.updateAAD(message);
        assertArrayEquals(gcm.doFinal(), tag);
        // the Mac is reusable for the next message
        mac.update(message);
        assertArrayEquals(tag, mac.doFinal());
        assertFalse(java.util.Arrays.equals(new byte[16], tag));
    }

    /** An SMB 3.1.1 NEGOTIATE response with contexts {type, data length}, each's data zero but a count of 1 first. */
    private static byte[] negotiateResponse(int[][] contexts) {
        var b = ByteBuffer.allocate(4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt(0).putShort((short) 0)
                .putShort((short) 1).putInt(1).putInt(0).putLong(0).putInt(0).putInt(0).putLong(0).put(new byte[16]);
        b.putShort((short) 65).putShort((short) 1).putShort((short) 0x0311).putShort((short) contexts.length).put(new byte[16])
                .putInt(0).putInt(1 << 20).putInt(1 << 20).putInt(1 << 20).putLong(0).putLong(0).putShort((short) 128).putShort((short) 0)
                .putInt(128);
        int at = 128;
        for (int[] c : contexts) {
            b.position(at);
            b.putShort((short) c[0]).putShort((short) c[1]).putInt(0);
            byte[] data = new byte[c[1]];
            if (c[0] == 1) { data[0] = 1; data[2] = 0x20; data[4] = 1; }       // SHA-512, 32 bytes of salt
            if (c[0] == 2) { data[0] = 1; data[2] = 2; }                       // AES-128-GCM
            if (c[0] == 8) { data[0] = 1; data[2] = (byte) SigningNegotiation.AES_GMAC; }
            b.put(data);
            at = SigningNegotiation.align8(b.position());
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}
