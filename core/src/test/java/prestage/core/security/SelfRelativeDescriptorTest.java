package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SelfRelativeDescriptorTest {

    @Test
    void decodesTheDocumentedDaclOnlyDescriptor() {
        SecurityDescriptor sd = SelfRelativeDescriptor.decode(Vectors.MEDV_DACL_ONLY);
        assertEquals(0x9404, sd.control());
        assertNull(sd.owner());
        assertNull(sd.group());
        assertNull(sd.sacl());
        assertEquals(Acl.REVISION, sd.dacl().revision());
        assertEquals(Vectors.MEDV_ACES, sd.dacl().aces());
        assertTrue(sd.isDaclProtected());
    }

    @Test
    void encodesTheDocumentedBytesExactly() {
        SecurityDescriptor sd = new SecurityDescriptor(0x9404, null, null, null, Acl.of(Vectors.MEDV_ACES));
        assertArrayEquals(Vectors.MEDV_DACL_ONLY, SelfRelativeDescriptor.encode(sd));
        assertEquals(92, SelfRelativeDescriptor.encode(sd).length);

        SecurityDescriptor withOwner = sd.withOwner(Vectors.BA).withGroup(Vectors.SY);
        byte[] bytes = SelfRelativeDescriptor.encode(withOwner);
        assertEquals(120, bytes.length);
        assertArrayEquals(Vectors.MEDV_WITH_OWNER, bytes);
        assertEquals(withOwner, SelfRelativeDescriptor.decode(Vectors.MEDV_WITH_OWNER));
    }

    @Test
    void offsetBiasMovesEveryOffsetForContainers() {
        SecurityDescriptor sd = SelfRelativeDescriptor.decode(Vectors.MEDV_WITH_OWNER);
        byte[] biased = SelfRelativeDescriptor.encode(sd, 8);
        byte[] container = new byte[8 + biased.length];
        System.arraycopy(biased, 0, container, 8, biased.length);
        assertEquals(sd, SelfRelativeDescriptor.decode(container, 8, 0));
        assertEquals(0x1C, biased[4]); // owner right after the header, counted from byte 0 of the container
    }

    @Test
    void objectCallbackAndAuditAcesRoundTrip() {
        UUID type = UUID.fromString("bf967aba-0de6-11d0-a285-00aa003049e2");
        UUID inherited = UUID.fromString("00299570-246d-11d0-a768-00aa006e0529");
        var object = new Ace(AceType.ACCESS_ALLOWED_OBJECT, 0x02, 0x100, Vectors.AU, type, inherited, null);
        var callback = new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 0x1200A9, Vectors.AU, null, null,
                new byte[] {'a', 'r', 't', 'x', 0, 0, 0, 0});
        var audit = new Ace(AceType.SYSTEM_AUDIT, 0xC0, 0x10000, Sid.parse("S-1-1-0"), null, null, null);
        var sd = new SecurityDescriptor(0x8000, Vectors.BA, Vectors.SY, Acl.of(List.of(audit)), Acl.of(List.of(object, callback)));
        SecurityDescriptor back = SelfRelativeDescriptor.decode(SelfRelativeDescriptor.encode(sd));
        assertEquals(sd, back);
        assertEquals(Acl.REVISION_DS, back.dacl().revision());
        // the GUID's first three fields are little-endian on disk
        byte[] bytes = SelfRelativeDescriptor.encode(sd);
        String hex = HexFormat.of().formatHex(bytes);
        assertTrue(hex.contains("ba7a96bfe60dd011a28500aa003049e2"), hex);
    }

    @Test
    void nullDaclIsKeptApartFromNoDacl() {
        var nullDacl = new SecurityDescriptor(ControlFlag.DACL_PRESENT.bit(), null, null, null, null);
        SecurityDescriptor back = SelfRelativeDescriptor.decode(SelfRelativeDescriptor.encode(nullDacl));
        assertTrue(back.hasNullDacl());
        var none = new SecurityDescriptor(0, null, null, null, null);
        SecurityDescriptor back2 = SelfRelativeDescriptor.decode(SelfRelativeDescriptor.encode(none));
        assertTrue(!back2.hasNullDacl() && back2.dacl() == null);
    }

    @Test
    void hostileBlobsFailWithTheOffendingField() {
        byte[] v = Vectors.MEDV_DACL_ONLY;
        assertFails(java.util.Arrays.copyOf(v, 10), "header");
        assertFails(java.util.Arrays.copyOf(v, 60), "truncated");
        byte[] daclPastEnd = v.clone();
        daclPastEnd[16] = (byte) 0xF0;
        assertFails(daclPastEnd, "DACL");
        byte[] zeroSizeAce = v.clone();
        zeroSizeAce[20 + 8 + 2] = 0;
        zeroSizeAce[20 + 8 + 3] = 0;
        assertFails(zeroSizeAce, "smallest ACE is 16 bytes");
        byte[] manyAces = v.clone();
        manyAces[20 + 4] = (byte) 0xFF;
        manyAces[20 + 5] = (byte) 0xFF;
        assertFails(manyAces, "past the end of the ACL");
        byte[] aceSizeBeyondAcl = v.clone();
        aceSizeBeyondAcl[20 + 8 + 2] = (byte) 0x00;
        aceSizeBeyondAcl[20 + 8 + 3] = (byte) 0x01;
        assertFails(aceSizeBeyondAcl, "runs past the end of the ACL");
        byte[] absolute = v.clone();
        absolute[3] = 0x14;
        assertFails(absolute, "SE_SELF_RELATIVE");
        byte[] unknownType = v.clone();
        unknownType[20 + 8] = 0x42;
        assertFails(unknownType, "unknown type 0x42");
        byte[] sidTooLong = v.clone();
        sidTooLong[20 + 8 + 8 + 1] = 15;
        assertFails(sidTooLong, "SID");
    }

    private static void assertFails(byte[] blob, String expected) {
        var e = assertThrows(SecurityFormatException.class, () -> SelfRelativeDescriptor.decode(blob));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should mention '" + expected + "'");
    }
}
