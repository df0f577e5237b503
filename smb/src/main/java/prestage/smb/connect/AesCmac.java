package prestage.smb.connect;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493; NIST SP 800-38B with AES-128), the MAC SMB 3.x signs with, computed by the JDK's own AES so
 * that it runs on the processor's AES instructions.
 * <p>
 * CMAC is CBC-MAC with the last block first XORed with a subkey. The chain runs through one
 * {@code AES/CBC/NoPadding} cipher with a zero IV: the JDK's CBC encryption is a HotSpot intrinsic (AES-NI over whole
 * buffers), where a block-by-block loop over {@code AES/ECB/NoPadding} pays a JCE call per 16 bytes. The last block is
 * held back until {@link #doFinal()}, since only then is it known to be last. The subkeys come from
 * {@code AES/ECB/NoPadding} of a zero block. Not thread-safe.
 */
public final class AesCmac {
    public static final int BLOCK = 16;
    private static final int RB = 0x87;
    /**
     * The chain is fed in slices of this size; the ciphertext is not needed, only the chain state. Small slices on
     * purpose: HotSpot swaps in its AES-NI CBC intrinsic only once the calling method is C2-compiled, which takes some
     * thousands of calls; in 64 KiB slices that took the first ~600 MiB of a push (measured: 150-250 MiB/s, then 650).
     */
    private static final int SCRATCH = 4 * 1024;

    private final Cipher cbc;
    private final byte[] k1 = new byte[BLOCK];
    private final byte[] k2 = new byte[BLOCK];
    private final byte[] pending = new byte[BLOCK];
    private final byte[] scratch = new byte[SCRATCH];
    private final byte[] last = new byte[BLOCK];
    private SecretKeySpec key;
    private int pendingLength;

    public AesCmac() {
        try {
            cbc = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CBC/NoPadding", e);
        }
    }

    /** Starts over with a 16-byte key (SMB3's signing key). */
    public void init(byte[] keyBytes) throws GeneralSecurityException {
        if (keyBytes.length != BLOCK) throw new GeneralSecurityException("AES-CMAC key must be 16 bytes, not " + keyBytes.length);
        key = new SecretKeySpec(keyBytes, "AES");
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, key);
        byte[] l = ecb.doFinal(new byte[BLOCK]);
        doubleInto(l, k1);
        doubleInto(k1, k2);
        reset();
    }

    /** Multiplication by x in GF(2^128): shift left one bit, XOR Rb into the last byte when the top bit fell out. */
    private static void doubleInto(byte[] in, byte[] out) {
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int b = in[i] & 0xff;
            out[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        if ((in[0] & 0x80) != 0) out[BLOCK - 1] ^= (byte) RB;
    }

    public void reset() {
        try {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        pendingLength = 0;
    }

    public void update(byte b) {
        if (pendingLength == BLOCK) {
            chain(pending, 0, BLOCK);
            pendingLength = 0;
        }
        pending[pendingLength++] = b;
    }

    public void update(byte[] in, int offset, int length) {
        if (length <= 0) return;
        int off = offset;
        int len = length;
        // top up the held-back block; it is chained only once more input proves it is not the last
        if (pendingLength > 0 || len <= BLOCK) {
            int take = Math.min(BLOCK - pendingLength, len);
            System.arraycopy(in, off, pending, pendingLength, take);
            pendingLength += take;
            off += take;
            len -= take;
            if (len == 0) return;
            chain(pending, 0, BLOCK);
            pendingLength = 0;
        }
        // chain every whole block but the last one, straight from the caller's array
        int bulk = ((len - 1) / BLOCK) * BLOCK;
        while (bulk > 0) {
            int n = Math.min(bulk, SCRATCH);
            chain(in, off, n);
            off += n;
            len -= n;
            bulk -= n;
        }
        System.arraycopy(in, off, pending, 0, len);
        pendingLength = len;
    }

    private void chain(byte[] in, int offset, int length) {
        try {
            cbc.update(in, offset, length, scratch, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 16-byte MAC of everything since init or the last doFinal; the MAC then starts over with the same key. */
    public byte[] doFinal() {
        if (pendingLength == BLOCK) {
            for (int i = 0; i < BLOCK; i++) last[i] = (byte) (pending[i] ^ k1[i]);
        } else {
            // pad with 10..0, then XOR K2 (also for an empty message)
            Arrays.fill(last, (byte) 0);
            System.arraycopy(pending, 0, last, 0, pendingLength);
            last[pendingLength] = (byte) 0x80;
            for (int i = 0; i < BLOCK; i++) last[i] ^= k2[i];
        }
        byte[] mac;
        try {
            mac = cbc.doFinal(last);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        reset();
        return mac;
    }
}
