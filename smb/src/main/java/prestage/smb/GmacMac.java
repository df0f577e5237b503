package prestage.smb;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.hierynomus.security.Mac;

/**
 * SMB 3.1.1 AES-128-GMAC signing (MS-SMB2 3.1.4.1) in smbj's Mac shape: the signature is the tag of AES-GCM over an
 * empty plaintext with the whole message (signature field zeroed) as additional authenticated data. The 12-byte nonce
 * comes from the message's own header, which smbj's signing feeds in first: MessageId (8 bytes, little-endian), then
 * a 32-bit word with bit 0 set for a server's message (SMB2_FLAGS_SERVER_TO_REDIR) and bit 1 for a CANCEL request.
 * So the first 64 bytes are held until the header is complete; everything after goes straight to the cipher.
 * <p>
 * Why: GMAC runs on the JDK's AES-NI and carry-less multiply intrinsics at 2.2-2.8 GB/s once compiled, against
 * 1.1-1.2 GB/s for AES-CMAC, whose AES-CBC chain cannot be parallelised (FACTS 10).
 */
final class GmacMac implements Mac {
    static final int HEADER = 64;
    private static final int FLAGS_OFFSET = 16;
    private static final int MESSAGE_ID_OFFSET = 24;
    private static final int COMMAND_OFFSET = 12;
    private static final int CANCEL = 0x0C;
    private static final int SERVER_TO_REDIR = 0x1;

    private final byte[] header = new byte[HEADER];
    private int headerFill;
    private SecretKeySpec key;
    private Cipher gcm;

    @Override
    public void init(byte[] keyBytes) {
        key = new SecretKeySpec(keyBytes, 0, 16, "AES");
        reset();
    }

    @Override
    public void update(byte b) {
        update(new byte[] {b}, 0, 1);
    }

    @Override
    public void update(byte[] array) {
        update(array, 0, array.length);
    }

    @Override
    public void update(byte[] array, int offset, int length) {
        int off = offset;
        int left = length;
        if (headerFill < HEADER) {
            int n = Math.min(left, HEADER - headerFill);
            System.arraycopy(array, off, header, headerFill, n);
            headerFill += n;
            off += n;
            left -= n;
            if (headerFill < HEADER) return;
            start();
        }
        if (left > 0) gcm.updateAAD(array, off, left);
    }

    /** The header is complete: the nonce is known, the cipher can start. */
    private void start() {
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce(header)));
            gcm.updateAAD(header, 0, HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** MS-SMB2 3.1.4.1: MessageId, then the role bit (a server's message) and the CANCEL bit. */
    static byte[] nonce(byte[] header) {
        byte[] iv = new byte[12];
        System.arraycopy(header, MESSAGE_ID_OFFSET, iv, 0, 8);
        int flags = header[FLAGS_OFFSET] & 0xff;
        int command = (header[COMMAND_OFFSET] & 0xff) | (header[COMMAND_OFFSET + 1] & 0xff) << 8;
        iv[8] = (byte) ((flags & SERVER_TO_REDIR) | (command == CANCEL ? 0x2 : 0));
        return iv;
    }

    @Override
    public byte[] doFinal() {
        if (headerFill < HEADER) throw new IllegalStateException("an SMB2 message shorter than its header cannot be signed");
        try {
            return gcm.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            reset();
        }
    }

    @Override
    public void reset() {
        headerFill = 0;
        gcm = null;
    }
}
