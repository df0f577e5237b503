package prestage.core.client.local.security;

import prestage.core.security.AccessMask;
import prestage.core.security.AccessRight;
import prestage.core.security.Ace;
import prestage.core.security.AceType;
import prestage.core.security.AclDiff;
import prestage.core.security.ByteWriter;
import prestage.core.security.Principals;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.Sid;
import prestage.core.security.WellKnownSid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import prestage.core.client.local.platform.Xattrs;

/**
 * Mirrors an NT DACL to POSIX ACLs (access, and default for folders), so local and NFS access roughly follow
 * what SMB clients see. The mapping (docs/formats.md section 3) is lossy and says so, one note per loss, never silently:
 * <ul>
 * <li>SYSTEM is root: the owner entry when root owns the file, else a named user entry for uid 0;</li>
 * <li>Administrators are the admin group: the file's group entry, or a named group entry for {@code adminGid}
 *     when that is another group;</li>
 * <li>Authenticated Users, Everyone and Users are "other";</li>
 * <li>Samba's Unix SIDs S-1-22-1-UID and S-1-22-2-GID are that user and group;</li>
 * <li>r = read data, w = write data and append data together, x = execute; on a folder x also follows from any
 *     read right, since Windows lets everyone traverse (bypass traverse checking) and POSIX needs x to enter.</li>
 * </ul>
 * Not expressible, so reported: deny ACEs, other SIDs, append without write (the seed's "add subfolder" right),
 * DELETE / WRITE_DAC / WRITE_OWNER for anyone but the owner.
 */
public final class PosixAclMirror {
    private static final int USER_OBJ = 0x01;
    private static final int USER = 0x02;
    private static final int GROUP_OBJ = 0x04;
    private static final int GROUP = 0x08;
    private static final int MASK = 0x10;
    private static final int OTHER = 0x20;
    private static final long UNDEFINED_ID = 0xFFFF_FFFFL;
    private static final Set<Sid> OTHERS = Set.of(WellKnownSid.AUTHENTICATED_USERS.sid(), WellKnownSid.EVERYONE.sid(),
            WellKnownSid.BUILTIN_USERS.sid());
    private static final int OWNER_ONLY = AccessRight.DELETE.mask() | AccessRight.WRITE_DAC.mask() | AccessRight.WRITE_OWNER.mask();

    private final Long adminGid;

    /** @param adminGid the group Administrators stand for; null for the file's own group */
    public PosixAclMirror(Long adminGid) {
        this.adminGid = adminGid;
    }

    /** Writes the access ACL (and for a folder the default ACL) for {@code sd}; returns what could not be expressed. */
    public List<String> apply(Path path, SecurityDescriptor sd) throws IOException {
        long uid = ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        long gid = ((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
        boolean dir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        var notes = new LinkedHashSet<String>();
        List<Ace> aces = sd.dacl() == null ? List.of() : sd.dacl().aces();
        List<Ace> effective = aces.stream().filter(a -> !a.isInheritOnly()).toList();
        Xattrs.set(path, "system.posix_acl_access", encode(entries(effective, uid, gid, dir, notes)));
        if (dir) {
            List<Ace> inheritable = aces.stream().filter(a -> (a.flags() & 0x3) != 0).toList();
            Xattrs.set(path, "system.posix_acl_default", encode(entries(inheritable, uid, gid, true, notes)));
        }
        return List.copyOf(notes);
    }

    /** Tag and id to permission bits; entries for owner, group and other always present, as POSIX requires. */
    private Map<Long, Integer> entries(List<Ace> aces, long uid, long gid, boolean dir, Set<String> notes) {
        var perms = new TreeMap<Long, Integer>(); // key: tag << 32 | id
        perms.put(key(USER_OBJ, UNDEFINED_ID), 0);
        perms.put(key(GROUP_OBJ, UNDEFINED_ID), 0);
        perms.put(key(OTHER, UNDEFINED_ID), 0);
        for (Ace ace : aces) {
            String who = Principals.displayName(ace.sid());
            if (ace.type().isDeny()) {
                notes.add("POSIX ACLs have no deny entries: '" + AclDiff.describe(ace) + "' is not mirrored");
                continue;
            }
            if (ace.type() != AceType.ACCESS_ALLOWED) {
                notes.add("only plain allow ACEs have a POSIX form: '" + AclDiff.describe(ace) + "' is not mirrored");
                continue;
            }
            long k = keyFor(ace.sid(), uid, gid);
            if (k < 0) {
                notes.add("no POSIX user or group stands for " + who + " (" + ace.sid() + "): its ACE is not mirrored");
                continue;
            }
            int mask = AccessMask.mapGeneric(ace.mask());
            int bits = rwx(mask, dir, who, notes);
            if ((mask & OWNER_ONLY) != 0 && k != key(USER_OBJ, UNDEFINED_ID)) {
                notes.add(who + ": DELETE, WRITE_DAC and WRITE_OWNER have no POSIX form except for the owner; mirrored without them");
            }
            perms.merge(k, bits, (a, b) -> a | b);
        }
        boolean named = perms.keySet().stream().anyMatch(k -> tag(k) == USER || tag(k) == GROUP);
        if (named) {
            int union = perms.entrySet().stream().filter(e -> tag(e.getKey()) == USER || tag(e.getKey()) == GROUP_OBJ || tag(e.getKey()) == GROUP)
                    .mapToInt(Map.Entry::getValue).reduce(0, (a, b) -> a | b);
            perms.put(key(MASK, UNDEFINED_ID), union);
        }
        return perms;
    }

    private long keyFor(Sid sid, long uid, long gid) {
        if (sid.equals(WellKnownSid.LOCAL_SYSTEM.sid())) return uid == 0 ? key(USER_OBJ, UNDEFINED_ID) : key(USER, 0);
        if (sid.equals(WellKnownSid.BUILTIN_ADMINISTRATORS.sid())) {
            return adminGid == null || adminGid == gid ? key(GROUP_OBJ, UNDEFINED_ID) : key(GROUP, adminGid);
        }
        if (OTHERS.contains(sid)) return key(OTHER, UNDEFINED_ID);
        String s = sid.toString();
        if (s.startsWith("S-1-22-1-") && sid.subAuthorityCount() == 2) {
            return sid.rid() == uid ? key(USER_OBJ, UNDEFINED_ID) : key(USER, sid.rid());
        }
        if (s.startsWith("S-1-22-2-") && sid.subAuthorityCount() == 2) {
            return sid.rid() == gid ? key(GROUP_OBJ, UNDEFINED_ID) : key(GROUP, sid.rid());
        }
        return -1;
    }

    private static int rwx(int mask, boolean dir, String who, Set<String> notes) {
        boolean read = (mask & AccessRight.FILE_READ_DATA.mask()) != 0;
        boolean write = (mask & AccessRight.FILE_WRITE_DATA.mask()) != 0;
        boolean append = (mask & AccessRight.FILE_APPEND_DATA.mask()) != 0;
        boolean exec = (mask & AccessRight.FILE_EXECUTE.mask()) != 0 || (dir && (read || (mask & AccessRight.FILE_READ_ATTRIBUTES.mask()) != 0));
        if (write != append) {
            notes.add(who + ": " + (append ? "FILE_APPEND_DATA (append / add subfolder) without FILE_WRITE_DATA"
                    : "FILE_WRITE_DATA without FILE_APPEND_DATA") + " has no POSIX form; mirrored without write");
        }
        return (read ? 4 : 0) | (write && append ? 2 : 0) | (exec ? 1 : 0);
    }

    private static long key(int tag, long id) {
        return ((long) tag << 32) | id;
    }

    private static int tag(long key) {
        return (int) (key >>> 32);
    }

    /** The kernel's xattr form: version 2, then (tag u16, perm u16, id u32) sorted by tag and id. */
    static byte[] encode(Map<Long, Integer> perms) {
        var out = new ByteWriter();
        out.u32(2);
        for (var e : new ArrayList<>(perms.entrySet())) {
            out.u16(tag(e.getKey())).u16(e.getValue()).u32(e.getKey() & 0xFFFF_FFFFL);
        }
        return out.toByteArray();
    }
}
