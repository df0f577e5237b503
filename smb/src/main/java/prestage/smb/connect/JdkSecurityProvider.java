package prestage.smb.connect;

import java.security.GeneralSecurityException;

import com.hierynomus.security.AEADBlockCipher;
import com.hierynomus.security.Cipher;
import com.hierynomus.security.DerivationFunction;
import com.hierynomus.security.Mac;
import com.hierynomus.security.MessageDigest;
import com.hierynomus.security.SecurityException;
import com.hierynomus.security.SecurityProvider;
import com.hierynomus.security.bc.BCSecurityProvider;
import com.hierynomus.security.jce.JceSecurityProvider;

/**
 * smbj's cryptography on the JDK: SMB3 signing ({@code AesCmac}) by {@link AesCmac} over the JDK's AES, or by
 * {@link GmacMac} where the connection negotiated AES-GMAC ({@link SigningNegotiation}), HMAC-SHA256
 * (SMB 2.x signing) and the digests by the JDK's providers, which HotSpot runs on AES-NI and SHA instructions.
 * Bouncy Castle (smbj's default, measured here at 23-46 MiB/s for signed SMB 3.1.1 writes) remains only for what the
 * JDK lacks: an AEAD cipher the JDK does not offer (AES-CCM, for encrypted sessions).
 */
public final class JdkSecurityProvider implements SecurityProvider, SigningNegotiation.Carrier {
    private final JceSecurityProvider jdk = new JceSecurityProvider();
    private final BCSecurityProvider bouncyCastle = new BCSecurityProvider();
    /** The connection's signing choice (null: AES-CMAC, for a provider not bound to one connection). */
    private final SigningNegotiation signing;

    public JdkSecurityProvider() {
        this(null);
    }

    JdkSecurityProvider(SigningNegotiation signing) {
        this.signing = signing;
    }

    /** The connection's signing negotiation, or null. */
    @Override
    public SigningNegotiation signing() {
        return signing;
    }

    @Override
    public MessageDigest getDigest(String name) throws SecurityException {
        return jdk.getDigest(name);
    }

    @Override
    public Mac getMac(String name) throws SecurityException {
        // smbj asks for "AesCmac" for every SMB3 signature; the key is the same for AES-GMAC in SMB 3.1.1
        if (name.equalsIgnoreCase("AesCmac") || name.equalsIgnoreCase("AESCMAC")) return signing != null && signing.gmac() ? new GmacMac() : new CmacMac();
        return jdk.getMac(name);
    }

    @Override
    public Cipher getCipher(String name) throws SecurityException {
        return (jdkHas(name) ? jdk : bouncyCastle).getCipher(name);
    }

    @Override
    public AEADBlockCipher getAEADBlockCipher(String name) throws SecurityException {
        return (jdkHas(name) ? jdk : bouncyCastle).getAEADBlockCipher(name);
    }

    /** True when one of the JDK's providers offers the cipher transformation {@code name}. */
    private static boolean jdkHas(String name) {
        try {
            javax.crypto.Cipher.getInstance(name);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public DerivationFunction getDerivationFunction(String name) throws SecurityException {
        return jdk.getDerivationFunction(name);
    }

    /** {@link AesCmac} in smbj's Mac shape. */
    static final class CmacMac implements Mac {
        private final AesCmac cmac = new AesCmac();

        @Override
        public void init(byte[] key) throws SecurityException {
            try {
                cmac.init(key);
            } catch (GeneralSecurityException e) {
                throw new SecurityException(e);
            }
        }

        @Override
        public void update(byte b) {
            cmac.update(b);
        }

        @Override
        public void update(byte[] array) {
            cmac.update(array, 0, array.length);
        }

        @Override
        public void update(byte[] array, int offset, int length) {
            cmac.update(array, offset, length);
        }

        @Override
        public byte[] doFinal() {
            return cmac.doFinal();
        }

        @Override
        public void reset() {
            cmac.reset();
        }
    }
}
