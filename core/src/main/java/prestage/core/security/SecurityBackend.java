package prestage.core.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a target keeps NT security descriptors (Samba xattr, ntfs-3g xattr, the Windows API). */
public interface SecurityBackend extends DescriptorDefaults {
    /** For messages, e.g. {@code user.NTACL (Samba acl_xattr)}. */
    String describe();

    /**
     * The descriptor stored for {@code path}; empty when none is stored (a plain folder, for which Samba would
     * derive one from the POSIX permissions).
     *
     * @throws SecurityFormatException when what is stored is not a valid descriptor
     */
    Optional<SecurityDescriptor> read(Path path) throws IOException;

    /**
     * Stores {@code descriptor} for {@code path} exactly (its inherited ACEs included).
     *
     * @return what the store could not express, one line each, for the caller to warn about; empty when exact
     */
    List<String> write(Path path, SecurityDescriptor descriptor) throws IOException;
}
