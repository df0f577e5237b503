package prestage.smb.connect;

import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.hierynomus.security.Mac;
import com.hierynomus.security.SecurityException;
import com.hierynomus.smbj.SmbConfig;

import prestage.core.testing.Smbd;
import prestage.smb.testing.LoopbackSmbd;

/**
 * WRITE payloads sent from the caller's array, against an smbd that requires every packet signed: the judge is
 * {@code sha256sum -c} in the share's folder. A run whose MAC is spoiled on purpose shows that this smbd does reject
 * a bad signature, so the good runs prove the signatures over the uncopied payloads right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadByReferenceTransportTest {
    @TempDir
    static Path tmp;
    LoopbackSmbd smbd;

    @BeforeAll
    void start() throws IOException {
        // log level 1: smbd logs a bad signature, so the refusal is judged by smbd, not by the client's error
        smbd = LoopbackSmbd.start(tmp.resolve("samba"), Map.of(), Map.of("server signing", "mandatory", "log level", "1"));
    }

    @AfterAll
    void stop() {
        if (smbd != null) smbd.close();
    }

    /** prestage's settings, with the signing MAC from {@code provider}. */
    private static SmbConfig config(com.hierynomus.security.SecurityProvider provider) {
        return SmbConfig.builder().withNegotiatedBufferSize().withTransportLayerFactory(PayloadByReferenceTransport.FACTORY)
                .withSecurityProvider(provider).withSigningRequired(true)
                .withTimeout(30, TimeUnit.SECONDS).withSoTimeout(30, TimeUnit.SECONDS).build();
    }

    private SmbShare open(SmbConfig config) {
        var address = SmbAddress.parse(smbd.url(LoopbackSmbd.SHARE));
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, LoopbackSmbd.PASSWORD));
        return SmbShare.connect(address, creds, config);
    }

    private void sha256sumCheck(String name, byte[] data) throws Exception {
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Files.writeString(smbd.shareDir().resolve(name + ".sha256"), sum + "  " + name + "\n");
        var r = Smbd.exec(List.of("sh", "-c", "cd \"$1\" && sha256sum -c \"$2\"", "sh", smbd.shareDir().toString(), name + ".sha256"), null);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void prestagesConfigUsesThisTransport() {
        assertSame(PayloadByReferenceTransport.FACTORY, SmbShare.defaultConfig().getTransportLayerFactory());
    }

    @Test
    void connectFailuresKeepTheirOneLineExplanations() {
        var creds = SmbCredentials.resolve(SmbAddress.parse("smb://root@h/share"), null, Map.of(SmbCredentials.PASSWORD_VARIABLE, "x"));
        var unknown = assertThrows(SmbConnectException.class,
                () -> SmbShare.connect(SmbAddress.parse("smb://root@no-such-host.invalid/share"), creds, SmbShare.defaultConfig()));
        assertTrue(unknown.getMessage().startsWith("cannot resolve host 'no-such-host.invalid'"), unknown.getMessage());
    }

    @Test
    void signedWritesFromHeapAndDirectBuffersArriveWhole() throws Exception {
        byte[] data = new byte[(int) (25.3 * (1 << 20))];
        new Random(7).nextBytes(data);
        try (SmbShare share = open(config(new JdkSecurityProvider()))) {
            assertTrue(share.signingRequired());
            try (SmbWriter w = share.openWrite("heap.bin", true, SmbShare.DEFAULT_IN_FLIGHT)) {
                // whole chunks, then a short last one, each a WRITE whose payload is sent from this array
                for (int pos = 0; pos < data.length; pos += w.chunkSize()) w.write(data, pos, Math.min(w.chunkSize(), data.length - pos), pos);
                w.flush();
            }
            try (SmbWriter w = share.openWrite("direct.bin", true, SmbShare.DEFAULT_IN_FLIGHT)) {
                ByteBuffer direct = ByteBuffer.allocateDirect(5 << 20);
                for (int pos = 0; pos < data.length; ) {
                    int n = Math.min(direct.capacity() - 3, data.length - pos);
                    direct.clear();
                    direct.put(data, pos, n).flip();
                    w.write(direct, pos);
                    pos += n;
                }
                // a small write (copied whole into the packet head) after the large ones
                w.write(data, 0, 100, data.length);
                w.flush();
            }
            // the connection still carries other requests after the WRITEs
            assertEquals(data.length, share.stat("heap.bin").orElseThrow().size());
        }
        sha256sumCheck("heap.bin", data);
        byte[] withTail = java.util.Arrays.copyOf(data, data.length + 100);
        System.arraycopy(data, 0, withTail, data.length, 100);
        sha256sumCheck("direct.bin", withTail);
    }

    /**
     * One WRITE signed wrong: smbd must refuse it (its log says so, at log level 1) and the writer must fail with one
     * line. Only that one MAC is spoiled, so smbd's signed answer is still read at once (no timeout to wait out), and
     * the connection and the open must work first: a failure to connect fails this test instead of passing it.
     */
    @Test
    void aBadSignatureIsRefused() throws Exception {
        var spoiling = new SpoilingProvider();
        SmbShare share = open(config(spoiling));
        SmbWriter w = share.openWrite("spoiled.bin", true, 1);
        byte[] data = new byte[w.chunkSize()]; // one WRITE
        new Random(8).nextBytes(data);
        spoiling.spoilNext.set(true);
        IOException e = assertThrows(IOException.class, () -> {
            w.write(data, 0, data.length, 0);
            w.flush();
        });
        assertFalse(spoiling.spoilNext.get(), "no MAC was made after arming: nothing was signed");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        try {
            w.close();
            share.close();
        } catch (IOException | RuntimeException closing) {
            // smbd may have dropped the connection after the bad packet; the refusal above is what this test is about
        }
        assertTrue(smbdLog().contains("Bad SMB2") && smbdLog().contains("signature"), "smbd did not see a bad signature:\n" + smbd.logTail());
        Path spoiled = smbd.shareDir().resolve("spoiled.bin");
        assertTrue(!Files.exists(spoiled) || Files.size(spoiled) == 0, "a badly signed WRITE was accepted");
    }

    /** smbd's own output and its per-client logs. */
    private String smbdLog() throws IOException {
        var all = new StringBuilder(smbd.logTail());
        try (var logs = Files.list(smbd.configFile().getParent().resolve("log"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) all.append(Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    /** The JDK provider, whose next MAC is wrong once {@link #spoilNext} is set. */
    private static final class SpoilingProvider implements com.hierynomus.security.SecurityProvider {
        private final JdkSecurityProvider jdk = new JdkSecurityProvider();
        final java.util.concurrent.atomic.AtomicBoolean spoilNext = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public com.hierynomus.security.MessageDigest getDigest(String name) throws SecurityException {
            return jdk.getDigest(name);
        }

        @Override
        public Mac getMac(String name) throws SecurityException {
            Mac real = jdk.getMac(name);
            return new Mac() {
                @Override
                public void init(byte[] key) throws SecurityException {
                    real.init(key);
                }

                @Override
                public void update(byte b) {
                    real.update(b);
                }

                @Override
                public void update(byte[] array) {
                    real.update(array);
                }

                @Override
                public void update(byte[] array, int offset, int length) {
                    real.update(array, offset, length);
                }

                @Override
                public byte[] doFinal() {
                    byte[] mac = real.doFinal();
                    if (spoilNext.compareAndSet(true, false)) mac[0] ^= 1;
                    return mac;
                }

                @Override
                public void reset() {
                    real.reset();
                }
            };
        }

        @Override
        public com.hierynomus.security.Cipher getCipher(String name) throws SecurityException {
            return jdk.getCipher(name);
        }

        @Override
        public com.hierynomus.security.AEADBlockCipher getAEADBlockCipher(String name) throws SecurityException {
            return jdk.getAEADBlockCipher(name);
        }

        @Override
        public com.hierynomus.security.DerivationFunction getDerivationFunction(String name) throws SecurityException {
            return jdk.getDerivationFunction(name);
        }
    }
}
