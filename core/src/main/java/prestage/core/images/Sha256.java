package prestage.core.images;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    static MessageDigest copyOf(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 state cannot be copied", e);
        }
    }
}
