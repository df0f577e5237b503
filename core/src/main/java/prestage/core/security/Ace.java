package prestage.core.security;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One access control entry (MS-DTYP 2.4.4).
 *
 * @param type                allow, deny, audit, ...
 * @param flags               {@link AceFlag} bits
 * @param mask                access mask
 * @param sid                 the trustee
 * @param objectType          object ACEs only: the object type GUID, or null
 * @param inheritedObjectType object ACEs only: the inherited object type GUID, or null
 * @param applicationData     bytes after the SID (callback conditions, resource attributes); empty for plain ACEs
 */
public record Ace(AceType type, int flags, int mask, Sid sid, UUID objectType, UUID inheritedObjectType, byte[] applicationData) {

    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sid, "sid");
        if ((flags & ~0xFF) != 0) throw new IllegalArgumentException("ACE flags are one byte: " + flags);
        if (type.layout() == AceType.Layout.BASIC && (objectType != null || inheritedObjectType != null)) {
            throw new IllegalArgumentException(type + " has no object GUIDs");
        }
        applicationData = applicationData == null ? new byte[0] : applicationData.clone();
    }

    public static Ace allow(Sid sid, int mask, int flags) {
        return new Ace(AceType.ACCESS_ALLOWED, flags, mask, sid, null, null, null);
    }

    public static Ace deny(Sid sid, int mask, int flags) {
        return new Ace(AceType.ACCESS_DENIED, flags, mask, sid, null, null, null);
    }

    @Override
    public byte[] applicationData() {
        return applicationData.clone();
    }

    public boolean isInherited() {
        return AceFlag.INHERITED.in(flags);
    }

    public boolean isInheritOnly() {
        return AceFlag.INHERIT_ONLY.in(flags);
    }

    public Ace withFlags(int newFlags) {
        return new Ace(type, newFlags, mask, sid, objectType, inheritedObjectType, applicationData);
    }

    public Ace withMask(int newMask) {
        return new Ace(type, flags, newMask, sid, objectType, inheritedObjectType, applicationData);
    }

    public Ace withSid(Sid newSid) {
        return new Ace(type, flags, mask, newSid, objectType, inheritedObjectType, applicationData);
    }

    /** Binary size: header, mask, object part, SID, application data, rounded up to a DWORD. */
    public int byteLength() {
        int size = 4 + 4 + sid.byteLength() + applicationData.length;
        if (type.layout() == AceType.Layout.OBJECT) {
            size += 4 + (objectType != null ? 16 : 0) + (inheritedObjectType != null ? 16 : 0);
        }
        return (size + 3) & ~3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ace a && a.type == type && a.flags == flags && a.mask == mask && a.sid.equals(sid)
                && Objects.equals(a.objectType, objectType) && Objects.equals(a.inheritedObjectType, inheritedObjectType)
                && Arrays.equals(a.applicationData, applicationData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, flags, mask, sid, objectType, inheritedObjectType) * 31 + Arrays.hashCode(applicationData);
    }

    /** e.g. {@code allow NT AUTHORITY\SYSTEM (OI)(CI) 0x001f01ff}: one line for people. */
    @Override
    public String toString() {
        String kind = type == AceType.ACCESS_ALLOWED ? "allow" : type == AceType.ACCESS_DENIED ? "deny" : type.name().toLowerCase(java.util.Locale.ROOT);
        String f = AceFlag.icaclsText(flags);
        return kind + " " + Principals.displayName(sid) + (f.isEmpty() ? "" : " " + f) + " " + AccessMask.hex(mask);
    }
}
