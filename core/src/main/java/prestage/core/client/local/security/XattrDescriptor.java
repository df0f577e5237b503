package prestage.core.client.local.security;

import prestage.core.security.SecurityDescriptor;
import prestage.core.security.SecurityFormatException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import prestage.core.client.local.platform.Xattrs;

/** A descriptor kept in one extended attribute of the file, in an encoding the backend that keeps it chooses. */
final class XattrDescriptor {
    private XattrDescriptor() {
    }

    /**
     * The descriptor in {@code attribute} of {@code path}; empty when the file has no such attribute.
     *
     * @param what   what the attribute should hold, for the message when it does not decode ("a valid NT ACL")
     * @throws SecurityFormatException naming the attribute and the file, when {@code decode} refuses the bytes
     */
    static Optional<SecurityDescriptor> read(Path path, String attribute, String what,
                                             Function<byte[], SecurityDescriptor> decode) throws IOException {
        Optional<byte[]> blob = Xattrs.get(path, attribute);
        if (blob.isEmpty()) return Optional.empty();
        try {
            return Optional.of(decode.apply(blob.get()));
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(attribute + " of " + path + " is not " + what + ": " + e.getMessage());
        }
    }
}
