package prestage.core.client.local.security;

import prestage.core.security.SecurityBackend;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.SelfRelativeDescriptor;
import prestage.core.security.Sid;
import prestage.core.security.WellKnownSid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import prestage.core.client.local.platform.Xattrs;

/**
 * An offline Windows volume mounted with ntfs-3g: {@code system.ntfs_acl} is the file's own self-relative
 * descriptor, the one Windows reads when the disk boots. ntfs-3g refuses a descriptor without owner and group
 * (EINVAL), so those are always written.
 */
public final class NtfsSecurityBackend implements SecurityBackend {
    public static final String ATTRIBUTE = "system.ntfs_acl";

    @Override
    public String describe() {
        return ATTRIBUTE + " (ntfs-3g)";
    }

    @Override
    public Optional<SecurityDescriptor> read(Path path) throws IOException {
        return XattrDescriptor.read(path, ATTRIBUTE, "a valid security descriptor", SelfRelativeDescriptor::decode);
    }

    @Override
    public List<String> write(Path path, SecurityDescriptor descriptor) throws IOException {
        SecurityDescriptor sd = descriptor;
        if (sd.owner() == null) sd = sd.withOwner(defaultOwner());
        if (sd.group() == null) sd = sd.withGroup(defaultGroup());
        Xattrs.set(path, ATTRIBUTE, SelfRelativeDescriptor.encode(sd));
        return List.of();
    }

    @Override
    public Sid defaultOwner() {
        return WellKnownSid.BUILTIN_ADMINISTRATORS.sid();
    }

    @Override
    public Sid defaultGroup() {
        return WellKnownSid.LOCAL_SYSTEM.sid();
    }
}
