package prestage.core.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import prestage.core.security.DescriptorDefaults;
import prestage.core.security.SecurityDescriptor;

/** A client's role as the keeper of NT security descriptors: every client has one, wherever it keeps them. */
public interface DescriptorStore extends DescriptorDefaults {
    /** Where descriptors are kept, for messages. */
    String securityStore();

    /** The descriptor stored for {@code path}; empty when none is (a plain folder that never had one). */
    Optional<SecurityDescriptor> readSecurity(ClientPath path) throws IOException;

    /** Stores {@code descriptor} exactly; returns what the store could not express, one line each. */
    List<String> writeSecurity(ClientPath path, SecurityDescriptor descriptor) throws IOException;

    /**
     * True when a file without a stored descriptor still has one that the server derives (Samba makes one from the
     * POSIX permissions), so "none stored" is not "none at all".
     */
    default boolean derivesMissingDescriptors() {
        return false;
    }
}
