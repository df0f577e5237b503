package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class AesCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final String M64 = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    private static byte[] mac(byte[] m) throws Exception {
        var c = new AesCmac();
        c.init(KEY);
        c.update(m, 0, m.length);
        return c.doFinal();
    }

    /** RFC 4493 section 4, examples 1-4 (lengths 0, 16, 40, 64). */
    @Test
    void rfc4493TestVectors() throws Exception {
        byte[] m = HEX.parseHex(M64);
        assertArrayEquals(HEX.parseHex("bb1d6929e95937287fa37d129b756746"), mac(new byte[0]));
        assertArrayEquals(HEX.parseHex("070a16b46b4d4144f79bdd9dd04a287c"), mac(java.util.Arrays.copyOf(m, 16)));
        assertArrayEquals(HEX.parseHex("dfa66747de9ae63030ca32611497c827"), mac(java.util.Arrays.copyOf(m, 40)));
        assertArrayEquals(HEX.parseHex("51f0bebf7e3b9d92fc49741779363cfe"), mac(m));
    }

    /** Any split of the input into updates (single bytes, odd pieces, block edges) gives Bouncy Castle's CMAC. */
    @Test
    void splitUpdatesMatchBouncyCastle() throws Exception {
        var random = new Random(4493);
        var c = new AesCmac();
        var smbjMac = new JdkSecurityProvider().getMac("AesCmac");
        for (int round = 0; round < 300; round++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            int len = round < 100 ? round : random.nextInt(200_000);
            byte[] m = new byte[len];
            random.nextBytes(m);
            var bc = new CMac(new AESEngine());
            bc.init(new KeyParameter(key));
            bc.update(m, 0, m.length);
            byte[] expected = new byte[16];
            bc.doFinal(expected, 0);

            c.init(key);
            smbjMac.init(key);
            int i = 0;
            while (i < len) {
                int n = random.nextInt(4) == 0 ? 1 : Math.min(len - i, 1 + random.nextInt(70_000));
                if (n == 1) {
                    c.update(m[i]);
                    smbjMac.update(m[i]);
                } else {
                    c.update(m, i, n);
                    smbjMac.update(m, i, n);
                }
                i += n;
            }
            assertArrayEquals(expected, c.doFinal(), "length " + len);
            assertArrayEquals(expected, smbjMac.doFinal(), "length " + len + " through smbj's Mac");
        }
    }
}
