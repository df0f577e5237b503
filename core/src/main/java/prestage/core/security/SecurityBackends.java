package prestage.core.security;

import java.nio.file.Path;

import prestage.core.BadInputException;
import prestage.core.target.TargetKind;

/**
 * Picks the security backend for a kind of target. Plain folders keep Samba's {@code user.NTACL} unless
 * {@code -Dprestage.ntacl.xattr=security.NTACL} or {@code PRESTAGE_NTACL_XATTR=security.NTACL} asks for
 * Samba's default name (which needs root).
 */
public final class SecurityBackends {
    public static final String XATTR_PROPERTY = "prestage.ntacl.xattr";
    public static final String XATTR_ENV = "PRESTAGE_NTACL_XATTR";

    private SecurityBackends() {
    }

    public static SecurityBackend forTarget(TargetKind kind, Path drive) {
        return switch (kind) {
            case LIVE_WINDOWS -> new WindowsSecurityBackend();
            case NTFS_VOLUME -> new NtfsSecurityBackend();
            case FOLDER, NATIVE -> new SambaXattrBackend(ntaclAttribute());
        };
    }

    /** The attribute plain folders keep descriptors in: the system property, else the environment, else user.NTACL. */
    public static String ntaclAttribute() {
        String name = System.getProperty(XATTR_PROPERTY);
        String source = "-D" + XATTR_PROPERTY;
        if (name == null || name.isBlank()) {
            name = System.getenv(XATTR_ENV);
            source = XATTR_ENV;
        }
        if (name == null || name.isBlank()) return SambaXattrBackend.USER_NTACL;
        name = name.strip();
        if (!name.equals(SambaXattrBackend.USER_NTACL) && !name.equals(SambaXattrBackend.SECURITY_NTACL)) {
            throw new BadInputException(source + "=" + name + ": use user.NTACL or security.NTACL (the names Samba's acl_xattr reads)");
        }
        return name;
    }
}
