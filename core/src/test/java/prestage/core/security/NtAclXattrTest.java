package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Samba's xattr_NTACL: blobs of every version packed by Samba itself, and ours unpacked by Samba. */
class NtAclXattrTest {
    private static final String SDDL = "O:BAG:SYD:PARAI(A;OICI;0x12008d;;;AU)(A;OICI;0x1f01ff;;;SY)(A;OICI;0x1f01ff;;;BA)";

    /** Packs SDDL (argv[1]) as xattr_NTACL of every version, v4 with descriptions of several lengths (NDR padding). */
    private static final String PACK = """
            import sys
            from samba.dcerpc import xattr, security
            from samba.ndr import ndr_pack
            sd = security.descriptor.from_sddl(sys.argv[1], security.dom_sid("S-1-5-21-1-2-3"))
            def pack(version, info):
                n = xattr.NTACL(); n.version = version; n.info = info
                return ndr_pack(n).hex()
            print(1, pack(1, sd))
            h = xattr.security_descriptor_hash_v2(); h.sd = sd; h.hash = list(range(16)); print(2, pack(2, h))
            h = xattr.security_descriptor_hash_v3(); h.sd = sd; h.hash_type = 1; h.hash = list(range(64)); print(3, pack(3, h))
            for d in ("posix_acl", "", "a", "abcdefghijk", "abcdef"):
                h = xattr.security_descriptor_hash_v4(); h.sd = sd; h.hash_type = 1; h.hash = list(range(64))
                h.description = d; h.time = 0x1d97b8a52cbcc44; h.sys_acl_hash = list(range(100, 164))
                print(4, pack(4, h))
            """;

    /** Unpacks a hex xattr_NTACL blob (argv[1]) with Samba's NDR and prints its version and SDDL. */
    private static final String UNPACK = """
            import sys
            from samba.dcerpc import xattr, security
            from samba.ndr import ndr_unpack
            n = ndr_unpack(xattr.NTACL, bytes.fromhex(sys.argv[1]))
            sd = n.info if n.version == 1 else n.info.sd
            print(n.version, sd.as_sddl(security.dom_sid("S-1-5-21-1-2-3")))
            """;

    @Test
    void handWrittenVersionOneIsTheDocumentedLayout() {
        SecurityDescriptor sd = SelfRelativeDescriptor.decode(Vectors.MEDV_DACL_ONLY);
        byte[] blob = NtAclXattr.encode(sd);
        assertEquals("0100010000000200" + "010004940000000000000000000000001c000000", HexFormat.of().formatHex(blob, 0, 28));
        assertEquals(8 + 92, blob.length);
        assertEquals(sd, NtAclXattr.decode(blob));
    }

    @Test
    void readsEveryVersionSambaPacks() throws IOException {
        SecurityDescriptor expected = Sddl.parse(SDDL);
        String out = SambaPython.run(PACK, SDDL);
        List<String> lines = out.lines().toList();
        assertEquals(8, lines.size(), out);
        for (String line : lines) {
            String[] f = line.split(" ");
            NtAclXattr.Stored stored = NtAclXattr.read(HexFormat.of().parseHex(f[1]));
            assertEquals(Integer.parseInt(f[0]), stored.version(), line);
            assertTrue(expected.sameStructure(stored.descriptor()), line + " decodes to " + stored.descriptor());
            assertEquals(Acl.REVISION_DS, stored.descriptor().dacl().revision(), "Samba writes ACL revision 4");
        }
        assertEquals("posix_acl", NtAclXattr.read(HexFormat.of().parseHex(lines.get(3).split(" ")[1])).description());
    }

    @Test
    void sambaReadsWhatWeWrite() throws IOException {
        for (String sddl : List.of(SDDL, Vectors.MEDV_SDDL, "D:AI(A;OICIID;FA;;;SY)(A;OICIIOID;GA;;;CO)(D;;WD;;;S-1-5-21-7-8-9-1001)")) {
            byte[] blob = NtAclXattr.encode(Sddl.parse(sddl));
            String out = SambaPython.run(UNPACK, HexFormat.of().formatHex(blob)).strip();
            assertTrue(out.startsWith("1 "), out);
            assertTrue(Sddl.parse(sddl).sameStructure(Sddl.parse(out.substring(2))), sddl + " came back from Samba as " + out);
        }
    }

    @Test
    void badBlobsFailClearly() {
        assertBad("0500050000000200", "version 5");
        assertBad("0100020000000200", "union level 2 differs");
        assertBad("0100010000000000", "NULL");
        assertBad("01000100", "truncated");
        assertBad("040004000000020004000200010000", "truncated");
        // v4 description without a terminating NUL runs to the end of the blob
        assertBad("0400040000000200040002000100" + "00".repeat(64) + "41".repeat(20), "no NUL");
    }

    @Test
    void versionOneRoundTripsThroughSddlAndBack() {
        SecurityDescriptor sd = Sddl.parse(SDDL);
        assertArrayEquals(NtAclXattr.encode(sd), NtAclXattr.encode(NtAclXattr.decode(NtAclXattr.encode(sd))));
    }

    private static void assertBad(String hex, String expected) {
        var e = assertThrows(SecurityFormatException.class, () -> NtAclXattr.decode(HexFormat.of().parseHex(hex)));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
