package prestage.core.security;

/** Where a target keeps NT security descriptors (Samba xattr, ntfs-3g xattr, the Windows API). */
public interface SecurityBackend {
    /** For messages, e.g. {@code user.NTACL (Samba acl_xattr)}. */
    String describe();
}
