package prestage.core.client.local.marks;

import prestage.core.client.local.ReadOnlyMarkers;

import prestage.core.images.ReadOnlyMarker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.client.local.platform.Xattrs;
import prestage.core.client.local.LocalKind;
import prestage.core.testing.Smbd;

/**
 * user.DOSATTRIB as Samba keeps it, judged by Samba itself: smbd serving the folder ({@code smbclient allinfo} shows
 * the attributes, {@code setmode} sets them) and Samba's own NDR decoder ({@code ndr_unpack} in its Python bindings).
 */
class DosAttribXattrTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Encoded by Samba 4.17's ndr_pack(xattr.DOSATTRIB) with attrib 0x21 and create_time 0x0102030405060708. */
    private static final Map<Integer, String> SAMBA_PACKED = Map.of(
            1, "30783231000001000100000021000000000000000000000000000000000000000000000008070605040302010000000000000000",
            3, "3078323100000300030000000100000021000000000000000000000000000000000000000000000008070605040302010000000000000000",
            4, "0000040004000000010000002100000000000000000000000807060504030201",
            5, "000005000500000001000000210000000807060504030201",
            0xFFFF, "3078323100");

    @TempDir
    Path tmp;

    @Test
    void decodesEveryVersionSambaWrites() throws IOException {
        for (var e : SAMBA_PACKED.entrySet()) {
            DosAttribXattr d = DosAttribXattr.decode(HEX.parseHex(e.getValue()));
            assertEquals(e.getKey(), d.version(), e.getValue());
            assertEquals(0x21, d.attrib(), "version " + e.getKey());
            assertTrue(d.isReadOnly());
            if (e.getKey() != 0xFFFF) assertEquals(0x0102030405060708L, d.createTime(), "version " + e.getKey());
        }
        // smbd 4.17 after 'setmode a.ckm +r' (measured)
        DosAttribXattr smbd = DosAttribXattr.decode(HEX.parseHex("000005000500000011000000010000002b2b66e79580dd01"));
        assertEquals(new DosAttribXattr(5, 0x11, 1, 0x01dd8095e7662b2bL), smbd);
        assertEquals("000005000500000011000000010000002b2b66e79580dd01", HEX.formatHex(smbd.encode()), "re-encoded unchanged");
    }

    @Test
    void writesVersion5KeepingTheOtherBitsAndTheCreationTime() throws IOException {
        DosAttribXattr v3 = DosAttribXattr.decode(HEX.parseHex(SAMBA_PACKED.get(3)));
        DosAttribXattr cleared = v3.withReadOnly(false);
        assertEquals(0x20, cleared.attrib(), "ARCHIVE stays");
        assertEquals("000005000500000001000000200000000000000000000000", HEX.formatHex(cleared.encode()),
                "valid_flags of the v3 blob did not say the creation time was valid, so it is not carried");
        DosAttribXattr v5 = DosAttribXattr.decode(HEX.parseHex("000005000500000011000000020000002b2b66e79580dd01"));
        assertEquals("000005000500000011000000030000002b2b66e79580dd01", HEX.formatHex(v5.withReadOnly(true).encode()));
        assertEquals("000005000500000001000000010000000000000000000000", HEX.formatHex(DosAttribXattr.of(0).withReadOnly(true).encode()));
    }

    @Test
    void refusesWhatIsNotADosAttrib() {
        assertThrows(IOException.class, () -> DosAttribXattr.decode(new byte[0]));
        assertThrows(IOException.class, () -> DosAttribXattr.decode(HEX.parseHex("0000050005000000")));
        assertThrows(IOException.class, () -> DosAttribXattr.decode(HEX.parseHex("000009000900000000000000")));
        assertThrows(IOException.class, () -> DosAttribXattr.decode(HEX.parseHex("0000050004000000010000000100000000000000000000")));
        assertThrows(IOException.class, () -> DosAttribXattr.decode(HEX.parseHex("307832")));
    }

    @Test
    void sambaDecodesWhatWeWrite() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.ckm"), "x");
        DosAttribXattr.setReadOnly(f, true);
        byte[] blob = Xattrs.get(f, DosAttribXattr.XATTR).orElseThrow();
        String printed = sambaPrint(blob);
        assertTrue(printed.contains("version                  : 0x0005 (5)"), printed);
        assertTrue(printed.contains("attrib                   : 0x00000001 (1)"), printed);
        assertTrue(printed.contains("1: XATTR_DOSINFO_ATTRIB"), printed);
    }

    @Test
    void aSambaShareShowsTheMarkAndWeReadSmbdsMark() throws Exception {
        try (Smbd smbd = Smbd.start(tmp.resolve("samba"), Map.of())) {
            Path share = smbd.shareDir();
            Path ours = Files.writeString(share.resolve("ours.ckm"), "image");
            Path theirs = Files.writeString(share.resolve("theirs.ckm"), "image");
            Files.setPosixFilePermissions(ours, PosixFilePermissions.fromString("rw-r--r--"));
            ReadOnlyMarker marker = ReadOnlyMarkers.forClient(LocalKind.FOLDER);

            assertEquals("", attributes(smbd, "ours.ckm"), "nothing set yet");
            marker.setReadOnly(ours, true);
            assertEquals("R", attributes(smbd, "ours.ckm"));
            assertTrue(marker.isReadOnly(ours));

            // a bit smbd set is kept when we mark, and ours is kept when smbd changes another
            smbclient(smbd, "setmode ours.ckm +h");
            assertEquals("RH", attributes(smbd, "ours.ckm"));
            marker.setReadOnly(ours, false);
            assertEquals("H", attributes(smbd, "ours.ckm"));
            assertFalse(marker.isReadOnly(ours));

            smbclient(smbd, "setmode theirs.ckm +r");
            assertTrue(DosAttribXattr.isReadOnly(theirs), "smbd's +r reads as read-only");
            assertEquals(5, DosAttribXattr.read(theirs).orElseThrow().version(), "smbd 4.17 writes version 5");
            smbclient(smbd, "setmode theirs.ckm -r");
            assertFalse(DosAttribXattr.isReadOnly(theirs));
        }
    }

    /** The attribute letters {@code smbclient allinfo} prints, e.g. "R" for {@code attributes: R (1)}. */
    private static String attributes(Smbd smbd, String name) throws IOException {
        String out = smbclient(smbd, "allinfo " + name);
        Matcher m = Pattern.compile("(?m)^attributes: *(\\S*) *\\(([0-9a-f]+)\\)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String smbclient(Smbd smbd, String command) throws IOException {
        var cmd = new java.util.ArrayList<String>(List.of("smbclient", smbd.unc()));
        cmd.addAll(smbd.credentials());
        cmd.addAll(List.of("-c", command));
        return smbd.client(cmd);
    }

    /** Samba's own decoder: ndr_unpack(xattr.DOSATTRIB) and ndr_print, from the Python bindings samba-tool uses. */
    private static String sambaPrint(byte[] blob) throws IOException {
        String python = "import sys\nfrom samba.dcerpc import xattr\nfrom samba.ndr import ndr_unpack, ndr_print\n"
                + "print(ndr_print(ndr_unpack(xattr.DOSATTRIB, bytes.fromhex(sys.argv[1]))))\n";
        return Smbd.run(List.of(sambaPython(), "-c", python, HEX.formatHex(blob)), null);
    }

    /** samba-tool's interpreter: the system Python that has Samba's bindings, whatever python3 is first on PATH. */
    private static String sambaPython() throws IOException {
        String first = Files.readAllLines(Path.of("/usr/bin/samba-tool")).get(0);
        return first.replaceFirst("^#!\\s*", "").split("\\s+")[0];
    }
}
