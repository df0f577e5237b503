package prestage.core.security;

import java.nio.file.Path;

import prestage.core.BadInputException;
import prestage.core.client.ClientKind;

/**
 * Picks the security backend for a kind of target. Plain folders keep Samba's {@code user.NTACL} unless
 * {@code -Dprestage.ntacl.xattr=security.NTACL} or {@code PRESTAGE_NTACL_XATTR=security.NTACL} asks for
 * Samba's default name (which needs root); {@code -Dprestage.posix.acl=ADMINGROUP} or
 * {@code PRESTAGE_POSIX_ACL=ADMINGROUP} also mirrors them to POSIX ACLs, Administrators standing for that group
 * (a name or gid; {@code yes} for each file's own group).
 */
public final class SecurityBackends {
    public static final String XATTR_PROPERTY = "prestage.ntacl.xattr";
    public static final String XATTR_ENV = "PRESTAGE_NTACL_XATTR";
    public static final String POSIX_PROPERTY = "prestage.posix.acl";
    public static final String POSIX_ENV = "PRESTAGE_POSIX_ACL";

    private SecurityBackends() {
    }

    public static SecurityBackend forClient(ClientKind kind) {
        return switch (kind) {
            case LIVE_WINDOWS -> new WindowsSecurityBackend();
            case NTFS_VOLUME -> new NtfsSecurityBackend();
            case FOLDER, NATIVE -> new SambaXattrBackend(ntaclAttribute(), posixMirror());
            case SMB -> throw new IllegalArgumentException("an SMB client keeps descriptors itself");
        };
    }

    /** The POSIX mirror asked for, or null. */
    public static PosixAclMirror posixMirror() {
        String value = System.getProperty(POSIX_PROPERTY);
        String source = "-D" + POSIX_PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(POSIX_ENV);
            source = POSIX_ENV;
        }
        if (value == null || value.isBlank() || value.equalsIgnoreCase("no") || value.equals("0") || value.equalsIgnoreCase("false")) return null;
        String v = value.strip();
        if (v.equalsIgnoreCase("yes") || v.equals("1") || v.equalsIgnoreCase("true")) return new PosixAclMirror(null);
        if (v.chars().allMatch(Character::isDigit) && v.length() < 10) return new PosixAclMirror(Long.parseLong(v));
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/etc/group"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[0].equals(v)) return new PosixAclMirror(Long.parseLong(f[2]));
            }
        } catch (java.io.IOException | NumberFormatException e) {
            throw new BadInputException(source + "=" + v + ": cannot read /etc/group to find that group (" + e.getMessage() + "); give its gid");
        }
        throw new BadInputException(source + "=" + v + ": no such group; give the group Administrators stand for (a name or gid), or yes");
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
