package prestage.core.client.local;

import java.nio.file.Path;

import prestage.core.BadInputException;
import prestage.core.client.ClientSettings;
import prestage.core.client.local.security.NtfsSecurityBackend;
import prestage.core.client.local.security.PosixAclMirror;
import prestage.core.client.local.security.SambaXattrBackend;
import prestage.core.security.SecurityBackend;
import prestage.core.client.local.security.WindowsSecurityBackend;

/**
 * Picks the security backend for a kind of target. Plain folders keep Samba's {@code user.NTACL} unless the run's
 * {@link ClientSettings#ntaclXattr()} asks for Samba's default name {@code security.NTACL} (which needs root);
 * {@link ClientSettings#posixAcl()} also mirrors them to POSIX ACLs, Administrators standing for that group (a name
 * or gid; {@code yes} for each file's own group).
 */
public final class SecurityBackends {
    private SecurityBackends() {
    }

    public static SecurityBackend forClient(LocalKind kind, ClientSettings settings) {
        return switch (kind) {
            case LIVE_WINDOWS -> new WindowsSecurityBackend();
            case NTFS_VOLUME -> new NtfsSecurityBackend();
            case FOLDER, NATIVE -> new SambaXattrBackend(ntaclAttribute(settings), posixMirror(settings));
        };
    }

    /** The POSIX mirror asked for, or null. */
    public static PosixAclMirror posixMirror(ClientSettings settings) {
        ClientSettings.Setting setting = settings.posixAcl();
        String value = setting == null ? null : setting.value();
        if (value == null || value.isBlank() || value.equalsIgnoreCase("no") || value.equals("0") || value.equalsIgnoreCase("false")) return null;
        String source = setting.source();
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

    /** The attribute plain folders keep descriptors in: the one the settings name, else user.NTACL. */
    public static String ntaclAttribute(ClientSettings settings) {
        ClientSettings.Setting setting = settings.ntaclXattr();
        if (setting == null || setting.value() == null || setting.value().isBlank()) return SambaXattrBackend.USER_NTACL;
        String name = setting.value().strip();
        if (!name.equals(SambaXattrBackend.USER_NTACL) && !name.equals(SambaXattrBackend.SECURITY_NTACL)) {
            throw new BadInputException(setting.source() + "=" + name + ": use user.NTACL or security.NTACL (the names Samba's acl_xattr reads)");
        }
        return name;
    }
}
