package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import prestage.smb.share.SmbReader;
import prestage.smb.share.SmbShare;
import prestage.smb.testing.LoopbackSmbd;

/**
 * READ answers read straight into the reader's own arrays ({@link ReadIntoBufferReader}), against a real smbd that
 * signs every message. The judges: the bytes smbd serves (written to its share's folder here, compared whole), the
 * count of answers that took the direct way (every READ, with GMAC and with CMAC), and a proxy that spoils one byte
 * of a READ answer's data on the wire, which must fail the read with the signature named (never hand back the bytes).
 * These fail when an smbj upgrade moves what the reader relies on: the MessageId set before the transport writes,
 * the verification skipped for packets that say they were decrypted, an 80-byte READ answer parsed with no data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadIntoBufferTest {
    @TempDir
    static Path tmp;
    LoopbackSmbd smbd;
    byte[] data;

    @BeforeAll
    void start() throws IOException {
        smbd = LoopbackSmbd.start(tmp.resolve("samba"), Map.of(), Map.of("server signing", "mandatory"));
        data = new byte[(int) (9.4 * (1 << 20))];
        new Random(5).nextBytes(data);
        Files.write(smbd.shareDir().resolve("big.bin"), data);
    }

    @AfterAll
    void stop() {
        if (smbd != null) smbd.close();
    }

    private SmbShare open(int port) {
        var address = SmbAddress.parse("smb://" + LoopbackSmbd.USER + "@127.0.0.1:" + port + "/" + LoopbackSmbd.SHARE);
        var creds = SmbCredentials.resolve(address, null, Map.of(SmbCredentials.PASSWORD_VARIABLE, LoopbackSmbd.PASSWORD));
        var config = com.hierynomus.smbj.SmbConfig.builder(SmbShare.defaultConfig())
                .withTimeout(10, TimeUnit.SECONDS).withSoTimeout(10, TimeUnit.SECONDS).build();
        return SmbShare.connect(address, creds, config);
    }

    private void streamsTheFileIntoItsOwnArrays(String expectedSigning) throws IOException {
        try (SmbShare share = open(smbd.port())) {
            assertEquals(expectedSigning, share.signingAlgorithm());
            long before = ReadIntoBufferReader.INTO_SINKS.get();
            ByteBuffer back = ByteBuffer.allocate(data.length);
            try (SmbReader r = share.openRead("big.bin", SmbShare.DEFAULT_IN_FLIGHT)) {
                while (back.hasRemaining() && r.next(back) > 0) { /* to the end */ }
                assertEquals(-1, r.next(ByteBuffer.allocate(1)));
                // a positional read lands in the caller's heap buffer directly
                ByteBuffer part = ByteBuffer.allocate(100_000);
                part.position(7);
                assertEquals(99_993, r.read(part, 3_000_001));
                assertArrayEquals(java.util.Arrays.copyOfRange(data, 3_000_001, 3_000_001 + 99_993), java.util.Arrays.copyOfRange(part.array(), 7, 100_000));
            }
            assertArrayEquals(data, back.array());
            long reads = (data.length + SmbShare.readSize() - 1) / SmbShare.readSize();
            assertEquals(reads + 1, ReadIntoBufferReader.INTO_SINKS.get() - before, "every READ answer read into the reader's arrays");
        }
    }

    @Test
    void gmacSignedAnswersLandInTheReadersArrays() throws IOException {
        System.setProperty("prestage.smb.signing", "gmac");
        try {
            streamsTheFileIntoItsOwnArrays("AES-128-GMAC");
        } finally {
            System.clearProperty("prestage.smb.signing");
        }
    }

    @Test
    void gmacIsOfferedByDefaultFromJdk25On() {
        assertEquals(Runtime.version().feature() >= 25, SigningNegotiation.offered());
    }

    @Test
    void cmacSignedAnswersLandInTheReadersArrays() throws IOException {
        System.setProperty("prestage.smb.signing", "cmac");
        try {
            streamsTheFileIntoItsOwnArrays("AES-128-CMAC");
        } finally {
            System.clearProperty("prestage.smb.signing");
        }
    }

    @Test
    void anAnswerSpoiledOnTheWireIsRefusedByItsSignature() throws Exception {
        try (var proxy = new SpoilingProxy(smbd.port()); SmbShare share = open(proxy.port())) {
            proxy.armed = true;
            var e = assertThrows(IOException.class, () -> {
                try (SmbReader r = share.openRead("big.bin", 1)) {
                    ByteBuffer back = ByteBuffer.allocate(data.length);
                    while (back.hasRemaining() && r.next(back) > 0) { /* to the end */ }
                }
            });
            assertTrue(e.getMessage().contains("signature that does not match"), e.getMessage());
            assertTrue(proxy.spoiled > 0, "the proxy spoiled no answer");
        }
    }

    /** Forwards one connection to smbd; when armed, flips one bit in the middle of every message longer than 1 MiB from it. */
    private static final class SpoilingProxy implements AutoCloseable {
        private final ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final int target;
        volatile boolean armed;
        volatile int spoiled;
        private Socket toClient;
        private Socket toServer;

        SpoilingProxy(int target) throws IOException {
            this.target = target;
            Thread t = new Thread(this::serve, "spoiling-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listening.getLocalPort();
        }

        private void serve() {
            try {
                toClient = listening.accept();
                toServer = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread up = new Thread(() -> pump(toClient, toServer, false), "proxy-up");
                up.setDaemon(true);
                up.start();
                pump(toServer, toClient, true);
            } catch (IOException e) {
                // closed
            }
        }

        private void pump(Socket from, Socket to, boolean spoil) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] head = new byte[4];
                while (true) {
                    in.readNBytes(head, 0, 4);
                    int length = (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | head[3] & 0xff;
                    byte[] message = in.readNBytes(length);
                    if (message.length < length) return;
                    if (spoil && armed && length > (1 << 20)) {
                        message[length / 2] ^= 0x10;
                        spoiled++;
                    }
                    out.write(head);
                    out.write(message);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            listening.close();
            if (toClient != null) toClient.close();
            if (toServer != null) toServer.close();
        }
    }
}
