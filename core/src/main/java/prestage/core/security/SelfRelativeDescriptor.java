package prestage.core.security;

import java.util.ArrayList;
import java.util.UUID;

/**
 * The binary self-relative SECURITY_DESCRIPTOR of MS-DTYP 2.4.6 (with ACL 2.4.5, ACE 2.4.4, SID 2.4.2.2):
 * little-endian, except the SID authority. Decoding trusts nothing in the blob: every offset, count and size is
 * checked against the bytes actually there, so a hostile blob fails with a {@link SecurityFormatException}
 * (never an index exception or a loop). Encoding writes owner, group, SACL, DACL in that order, as Samba does.
 */
public final class SelfRelativeDescriptor {
    static final int HEADER_SIZE = 20;
    private static final int OBJECT_TYPE_PRESENT = 0x1;
    private static final int INHERITED_OBJECT_TYPE_PRESENT = 0x2;

    private SelfRelativeDescriptor() {
    }

    public static SecurityDescriptor decode(byte[] bytes) {
        return decode(bytes, 0, 0);
    }

    /**
     * Decodes a descriptor whose header starts at {@code start} and whose offsets count from {@code offsetBase}
     * (Samba's xattr_NTACL counts them from byte 0 of the attribute, not from the descriptor).
     */
    public static SecurityDescriptor decode(byte[] bytes, int start, int offsetBase) {
        ByteReader in = new ByteReader(bytes);
        in.require(start, HEADER_SIZE, "security descriptor header");
        int revision = in.u8(start, "descriptor revision");
        if (revision != 1) {
            throw new SecurityFormatException("security descriptor at byte " + start + " has revision " + revision + "; only revision 1 exists");
        }
        int control = in.u16(start + 2, "descriptor control");
        if (!ControlFlag.SELF_RELATIVE.in(control)) {
            throw new SecurityFormatException("security descriptor control 0x" + Integer.toHexString(control)
                    + " lacks SE_SELF_RELATIVE (0x8000): an absolute descriptor holds pointers, not offsets, and cannot be read from bytes");
        }
        long ownerAt = in.u32(start + 4, "owner offset");
        long groupAt = in.u32(start + 8, "group offset");
        long saclAt = in.u32(start + 12, "SACL offset");
        long daclAt = in.u32(start + 16, "DACL offset");
        Sid owner = ownerAt == 0 ? null : Sid.read(in, offsetBase + ownerAt, "owner SID");
        Sid group = groupAt == 0 ? null : Sid.read(in, offsetBase + groupAt, "group SID");
        Acl sacl = ControlFlag.SACL_PRESENT.in(control) && saclAt != 0 ? readAcl(in, offsetBase + saclAt, "SACL") : null;
        Acl dacl = ControlFlag.DACL_PRESENT.in(control) && daclAt != 0 ? readAcl(in, offsetBase + daclAt, "DACL") : null;
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    private static Acl readAcl(ByteReader in, long at, String what) {
        int revision = in.u8(at, what + " revision");
        if (revision != Acl.REVISION && revision != Acl.REVISION_DS && revision != 3) {
            throw new SecurityFormatException(what + " at byte " + at + " has revision " + revision + "; ACLs have revision 2 or 4");
        }
        int size = in.u16(at + 2, what + " size");
        int count = in.u16(at + 4, what + " ACE count");
        if (size < 8) throw new SecurityFormatException(what + " at byte " + at + " claims size " + size + "; an ACL header alone is 8 bytes");
        in.require(at, size, what + " (AclSize " + size + ")");
        long end = at + size;
        long pos = at + 8;
        var aces = new ArrayList<Ace>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            String ace = what + " ACE " + (i + 1) + " of " + count;
            if (pos + 4 > end) {
                throw new SecurityFormatException(ace + " would start at byte " + pos + ", past the end of the ACL (byte " + end + ")");
            }
            int aceSize = in.u16(pos + 2, ace + " size");
            if (aceSize < 16) {
                throw new SecurityFormatException(ace + " at byte " + pos + " claims size " + aceSize + "; the smallest ACE is 16 bytes");
            }
            if (pos + aceSize > end) {
                throw new SecurityFormatException(ace + " at byte " + pos + " (size " + aceSize + ") runs past the end of the ACL (byte " + end + ")");
            }
            aces.add(readAce(in, pos, aceSize, ace));
            pos += aceSize;
        }
        return new Acl(revision, aces);
    }

    private static Ace readAce(ByteReader in, long at, int size, String what) {
        int code = in.u8(at, what + " type");
        AceType type = AceType.byCode(code).orElseThrow(() -> new SecurityFormatException(
                what + " at byte " + at + " has unknown type 0x" + Integer.toHexString(code)));
        int flags = in.u8(at + 1, what + " flags");
        int mask = (int) in.u32(at + 4, what + " mask");
        long end = at + size;
        long pos = at + 8;
        UUID objectType = null;
        UUID inheritedObjectType = null;
        if (type.layout() == AceType.Layout.OBJECT) {
            long objectFlags = in.u32(pos, what + " object flags");
            pos += 4;
            if ((objectFlags & OBJECT_TYPE_PRESENT) != 0) {
                objectType = readGuid(in, pos, end, what);
                pos += 16;
            }
            if ((objectFlags & INHERITED_OBJECT_TYPE_PRESENT) != 0) {
                inheritedObjectType = readGuid(in, pos, end, what);
                pos += 16;
            }
        }
        if (pos + 8 > end) throw new SecurityFormatException(what + " at byte " + at + " is too small (" + size + " bytes) to hold its SID");
        Sid sid = Sid.read(in, pos, what + " SID");
        pos += sid.byteLength();
        if (pos > end) throw new SecurityFormatException(what + " at byte " + at + ": its SID runs past the ACE's size (" + size + " bytes)");
        // Only callback, resource-attribute and filter ACEs carry data after the SID; elsewhere it is padding.
        byte[] data = carriesApplicationData(type) ? in.slice(pos, end - pos, what + " application data") : null;
        return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, data);
    }

    static boolean carriesApplicationData(AceType type) {
        return switch (type) {
            case ACCESS_ALLOWED_CALLBACK, ACCESS_DENIED_CALLBACK, ACCESS_ALLOWED_CALLBACK_OBJECT, ACCESS_DENIED_CALLBACK_OBJECT,
                 SYSTEM_AUDIT_CALLBACK, SYSTEM_ALARM_CALLBACK, SYSTEM_AUDIT_CALLBACK_OBJECT, SYSTEM_ALARM_CALLBACK_OBJECT,
                 SYSTEM_RESOURCE_ATTRIBUTE, SYSTEM_ACCESS_FILTER -> true;
            default -> false;
        };
    }

    private static UUID readGuid(ByteReader in, long at, long end, String what) {
        if (at + 16 > end) throw new SecurityFormatException(what + ": its object GUID runs past the ACE's size");
        long data1 = in.u32(at, what + " GUID");
        long data2 = in.u16(at + 4, what + " GUID");
        long data3 = in.u16(at + 6, what + " GUID");
        long msb = data1 << 32 | data2 << 16 | data3;
        long lsb = 0;
        for (int i = 0; i < 8; i++) lsb = lsb << 8 | in.u8(at + 8 + i, what + " GUID");
        return new UUID(msb, lsb);
    }

    public static byte[] encode(SecurityDescriptor sd) {
        return encode(sd, 0);
    }

    /**
     * Encodes {@code sd}; {@code offsetBias} is added to every offset, for containers such as Samba's
     * xattr_NTACL whose readers count the offsets from the start of the container.
     */
    public static byte[] encode(SecurityDescriptor sd, int offsetBias) {
        ByteWriter out = new ByteWriter();
        out.u8(1).u8(0).u16(sd.control() | ControlFlag.SELF_RELATIVE.bit());
        out.u32(0).u32(0).u32(0).u32(0);
        if (sd.owner() != null) {
            out.patch32(4, offsetBias + out.position());
            sd.owner().write(out);
        }
        if (sd.group() != null) {
            out.patch32(8, offsetBias + out.position());
            sd.group().write(out);
        }
        if (sd.sacl() != null) {
            out.patch32(12, offsetBias + out.position());
            writeAcl(out, sd.sacl(), "SACL");
        }
        if (sd.dacl() != null) {
            out.patch32(16, offsetBias + out.position());
            writeAcl(out, sd.dacl(), "DACL");
        }
        return out.toByteArray();
    }

    private static void writeAcl(ByteWriter out, Acl acl, String what) {
        int size = acl.byteLength();
        if (size > Acl.MAX_SIZE) {
            throw new SecurityFormatException(what + " would be " + size + " bytes; an ACL holds at most 65535 bytes, so remove ACEs");
        }
        out.u8(acl.revision()).u8(0).u16(size).u16(acl.aces().size()).u16(0);
        for (Ace ace : acl.aces()) writeAce(out, ace);
    }

    private static void writeAce(ByteWriter out, Ace ace) {
        int start = out.position();
        int size = ace.byteLength();
        out.u8(ace.type().code()).u8(ace.flags()).u16(size).u32(ace.mask() & 0xFFFF_FFFFL);
        if (ace.type().layout() == AceType.Layout.OBJECT) {
            int objectFlags = (ace.objectType() != null ? OBJECT_TYPE_PRESENT : 0)
                    | (ace.inheritedObjectType() != null ? INHERITED_OBJECT_TYPE_PRESENT : 0);
            out.u32(objectFlags);
            if (ace.objectType() != null) writeGuid(out, ace.objectType());
            if (ace.inheritedObjectType() != null) writeGuid(out, ace.inheritedObjectType());
        }
        ace.sid().write(out);
        out.bytes(ace.applicationData());
        while (out.position() < start + size) out.u8(0);
    }

    private static void writeGuid(ByteWriter out, UUID guid) {
        long msb = guid.getMostSignificantBits();
        long lsb = guid.getLeastSignificantBits();
        out.u32(msb >>> 32).u16((int) (msb >>> 16)).u16((int) msb);
        for (int i = 7; i >= 0; i--) out.u8((int) (lsb >>> (8 * i)));
    }
}
