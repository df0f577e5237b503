package prestage.core.client.local.security;

import prestage.core.security.NtAclXattr;
import prestage.core.security.SecurityBackend;
import prestage.core.security.SecurityDescriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import prestage.core.client.local.platform.Xattrs;

/**
 * NT descriptors stored as Samba's {@code vfs_acl_xattr} stores them: an {@code xattr_NTACL} in {@code user.NTACL}
 * (any user may write it; a share reads it with {@code acl_xattr:security_acl_name = user.NTACL}) or in
 * {@code security.NTACL} (Samba's default name; root only). Reads versions 1-4, writes version 1; optionally
 * mirrors each descriptor to POSIX ACLs ({@link PosixAclMirror}).
 */
public final class SambaXattrBackend implements SecurityBackend {
    public static final String USER_NTACL = "user.NTACL";
    public static final String SECURITY_NTACL = "security.NTACL";

    private final String attribute;
    private final PosixAclMirror mirror;

    public SambaXattrBackend(String attribute) {
        this(attribute, null);
    }

    /** @param mirror also mirror each descriptor to POSIX ACLs; null for not */
    public SambaXattrBackend(String attribute, PosixAclMirror mirror) {
        if (!attribute.equals(USER_NTACL) && !attribute.equals(SECURITY_NTACL)) {
            throw new IllegalArgumentException("NT ACL attribute must be user.NTACL or security.NTACL: " + attribute);
        }
        this.attribute = attribute;
        this.mirror = mirror;
    }

    public String attribute() {
        return attribute;
    }

    @Override
    public String describe() {
        return attribute + " (Samba acl_xattr)" + (mirror == null ? "" : ", mirrored to POSIX ACLs");
    }

    @Override
    public Optional<SecurityDescriptor> read(Path path) throws IOException {
        return XattrDescriptor.read(path, attribute, "a valid NT ACL", NtAclXattr::decode);
    }

    @Override
    public List<String> write(Path path, SecurityDescriptor descriptor) throws IOException {
        Xattrs.set(path, attribute, NtAclXattr.encode(descriptor));
        return mirror == null ? List.of() : mirror.apply(path, descriptor);
    }
}
