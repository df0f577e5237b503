package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import prestage.core.BadInputException;

/**
 * The .reg format. The expected texts follow what Windows' reg.exe exports for the same values (wrapping after
 * 77 columns, hex(N) for every type but REG_SZ, REG_DWORD and REG_BINARY, only \ and " escaped).
 */
class RegFileTest {
    private static final String CRLF = "\r\n";
    private static final RegistryKeyPath BASE = key("HKEY_CURRENT_USER\\Software\\Test");

    private static RegistryKeyPath key(String s) {
        return RegistryKeyPath.parse(s, w -> { });
    }

    private static RegFile parse(String text) {
        return RegFileParser.parse(text.getBytes(StandardCharsets.UTF_8), "test.reg", w -> { });
    }

    @Test
    void writesWhatRegeditExports() {
        RegFile f = new RegFile();
        f.setValue(BASE, RegValue.dword("DWORD", 0x100));
        f.setValue(BASE, RegValue.sz("String", "Your text here..."));
        RegistryKeyPath sub1 = BASE.child("Subkey1");
        f.setValue(sub1, RegValue.binary("Binary", new byte[] {0x11, 0x22, 0x33, 0x44}));
        f.setValue(sub1, new RegValue("Undefined hex", 0x100, "%PATH%\0".getBytes(StandardCharsets.US_ASCII)));
        RegistryKeyPath sub2 = BASE.child("Subkey2a");
        f.setValue(sub2, RegValue.sz("double\"quote", "\"Hello, World!\""));
        f.setValue(sub2.child("Subkey2b"), RegValue.sz("", "Default value name"));
        f.setValue(sub2.child("Subkey2b"), RegValue.multiSz("Multiple strings", List.of("Line1", "Line2", "Line3")));
        f.setValue(BASE.child("Subkey3a"), RegValue.sz("Backslash", "Use \\\\ to escape a backslash"));
        f.setValue(BASE.child("Subkey3c"), RegValue.expandSz("String expansion", "%HOME%\\%PATH%"));
        f.setValue(BASE.child("Subkey3c"), new RegValue("Zero data type", 0, "Value\0".getBytes(StandardCharsets.US_ASCII)));
        f.setValue(BASE.child("Subkey4"), RegValue.dword("", 0x12345678));
        f.setValue(BASE.child("Subkey4"), new RegValue("43981", 0xabcd, "Value\0".getBytes(StandardCharsets.US_ASCII)));
        f.setValue(BASE.child("Subkey4"), RegValue.qword("Q", 0x1122334455667788L));

        String expected = String.join(CRLF,
                "Windows Registry Editor Version 5.00",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test]",
                "\"DWORD\"=dword:00000100",
                "\"String\"=\"Your text here...\"",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test\\Subkey1]",
                "\"Binary\"=hex:11,22,33,44",
                "\"Undefined hex\"=hex(100):25,50,41,54,48,25,00",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test\\Subkey2a]",
                "\"double\\\"quote\"=\"\\\"Hello, World!\\\"\"",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test\\Subkey2a\\Subkey2b]",
                "@=\"Default value name\"",
                "\"Multiple strings\"=hex(7):4c,00,69,00,6e,00,65,00,31,00,00,00,4c,00,69,00,6e,\\",
                "  00,65,00,32,00,00,00,4c,00,69,00,6e,00,65,00,33,00,00,00,00,00",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test\\Subkey3a]",
                "\"Backslash\"=\"Use \\\\\\\\ to escape a backslash\"",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test\\Subkey3c]",
                "\"String expansion\"=hex(2):25,00,48,00,4f,00,4d,00,45,00,25,00,5c,00,25,00,50,\\",
                "  00,41,00,54,00,48,00,25,00,00,00",
                "\"Zero data type\"=hex(0):56,61,6c,75,65,00",
                "",
                "[HKEY_CURRENT_USER\\Software\\Test\\Subkey4]",
                "@=dword:12345678",
                "\"43981\"=hex(abcd):56,61,6c,75,65,00",
                "\"Q\"=hex(b):88,77,66,55,44,33,22,11",
                "", "");
        assertEquals(expected, RegFileWriter.text(f));
        byte[] bytes = RegFileWriter.bytes(f);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFE, 'W', 0, 'i', 0}, Arrays.copyOf(bytes, 6));
        assertEquals(expected, new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE));
    }

    @Test
    void longHexListsWrapAt77ColumnsWithTwoSpaceContinuations() {
        RegFile f = new RegFile();
        byte[] data = new byte[98];
        f.setValue(BASE, RegValue.binary("B", data));
        String[] lines = RegFileWriter.text(f).split(CRLF);
        // "B"=hex: is 8 columns; 23 bytes bring it to 77, continuation lines take 25 bytes, the last byte has no comma
        assertEquals("\"B\"=hex:" + "00,".repeat(23) + "\\", lines[3]);
        assertEquals("  " + "00,".repeat(25) + "\\", lines[4]);
        assertEquals("  " + "00,".repeat(25) + "\\", lines[5]);
        assertEquals("  " + "00,".repeat(24) + "00", lines[6]);
        for (int i = 3; i <= 6; i++) assertTrue(lines[i].length() <= 80, lines[i]);
        assertArrayEquals(data, parse(String.join("\n", lines)).value(BASE, "B").orElseThrow().data());
    }

    @Test
    void aStringAQuotedFormCannotCarryIsWrittenAsHex1() {
        RegFile f = new RegFile();
        f.setValue(BASE, new RegValue("NoNul", 1, "ab".getBytes(StandardCharsets.UTF_16LE)));
        f.setValue(BASE, new RegValue("Embedded", 1, "a\0b\0".getBytes(StandardCharsets.UTF_16LE)));
        f.setValue(BASE, RegValue.sz("Lines", "a\r\nb"));
        String text = RegFileWriter.text(f);
        assertTrue(text.contains("\"NoNul\"=hex(1):61,00,62,00" + CRLF), text);
        assertTrue(text.contains("\"Embedded\"=hex(1):61,00,00,00,62,00,00,00" + CRLF), text);
        assertTrue(text.contains("\"Lines\"=hex(1):61,00,0d,00,0a,00,62,00,00,00" + CRLF), text);
        RegFile back = RegFileParser.parse(RegFileWriter.bytes(f), "x.reg", w -> { });
        for (String name : List.of("NoNul", "Embedded", "Lines")) {
            assertEquals(f.value(BASE, name), back.value(BASE, name), name);
        }
    }

    @Test
    void readsEveryValueFormAndEscape() {
        RegFile f = parse(String.join("\r\n",
                "Windows Registry Editor Version 5.00",
                "",
                "; a comment",
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]",
                "\"PrestagedImagesPath\"=\"C:\\\\MED-V Images\\\\PrestagedImages\"",
                "\"Quote\\\"d \\\\name\"=\"say \\\"hi\\\"\"",
                "@=\"default\"",
                "\"Dword\"=dword:0000000A",
                "\"Short\"=dword:a",
                "\"Binary\"=hex:de,ad,BE,ef",
                "\"Expand\"=hex(2):25,00,41,00,25,00,00,00",
                "\"Multi\"=hex(7):61,00,00,00,62,00,00,00,\\",
                "  00,00",
                "\"Qword\"=hex(b):08,07,06,05,04,03,02,01",
                "\"Sz1\"=hex(1):41,00,00,00, \\",
                "   ",
                "\"Empty\"=hex:",
                "\"None\"=hex(0):",
                "  \"Indented\" = \"ok\"  ",
                "\"Gone\"=-",
                "",
                "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]",
                "", ""));
        RegistryKeyPath k = key("HKLM\\SOFTWARE\\Kidaro");
        assertEquals(RegValue.sz("PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages"), f.value(k, "PrestagedImagesPath").orElseThrow());
        assertEquals(RegValue.sz("Quote\"d \\name", "say \"hi\""), f.value(k, "quote\"D \\NAME").orElseThrow());
        assertEquals(RegValue.sz("", "default"), f.value(k, "").orElseThrow());
        assertEquals(RegValue.dword("Dword", 10), f.value(k, "Dword").orElseThrow());
        assertEquals(RegValue.dword("Short", 10), f.value(k, "Short").orElseThrow());
        assertEquals(RegValue.binary("Binary", HexFormat.of().parseHex("deadbeef")), f.value(k, "Binary").orElseThrow());
        assertEquals(RegValue.expandSz("Expand", "%A%"), f.value(k, "Expand").orElseThrow());
        assertEquals(RegValue.multiSz("Multi", List.of("a", "b")), f.value(k, "Multi").orElseThrow());
        assertEquals(RegValue.qword("Qword", 0x0102030405060708L), f.value(k, "Qword").orElseThrow());
        assertEquals(RegValue.sz("Sz1", "A"), f.value(k, "Sz1").orElseThrow());
        assertEquals(RegValue.binary("Empty", new byte[0]), f.value(k, "Empty").orElseThrow());
        assertEquals(new RegValue("None", 0, new byte[0]), f.value(k, "None").orElseThrow());
        assertEquals(RegValue.sz("Indented", "ok"), f.value(k, "Indented").orElseThrow());
        assertTrue(f.deletesValue(k, "Gone"));
        assertTrue(f.deletesKey(key("HKLM\\SOFTWARE\\Old\\Below")));
        assertFalse(f.deletesKey(k));
    }

    @Test
    void acceptsUtf16WithoutBomAndUtf8WithBom() {
        String text = "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\Test]\n\"A\"=\"é\"\n";
        RegFile utf16 = RegFileParser.parse(text.getBytes(StandardCharsets.UTF_16LE), "a.reg", w -> { });
        byte[] utf8 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        RegFile bom8 = RegFileParser.parse(utf8, "b.reg", w -> { });
        assertEquals(RegValue.sz("A", "é"), utf16.value(BASE, "A").orElseThrow());
        assertEquals(RegValue.sz("A", "é"), bom8.value(BASE, "A").orElseThrow());
    }

    @Test
    void badFilesNameTheFileAndLine() {
        assertError("REGEDIT5\r\n", "test.reg line 1", "Windows Registry Editor Version 5.00");
        assertError("REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\X]\r\n", "test.reg line 1", "REGEDIT4");
        String head = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\X]\r\n";
        assertError(head + "garbage\r\n", "test.reg line 4", "garbage");
        assertError(head + "\"A\"=dword:xyz\r\n", "test.reg line 4", "dword:xyz");
        assertError(head + "\"A\"=dword:123456789\r\n", "test.reg line 4", "dword");
        assertError(head + "\"A\"=hex:01,2g\r\n", "test.reg line 4", "2g");
        assertError(head + "\"A\"=hex(zz):01\r\n", "test.reg line 4", "hex(N)");
        assertError(head + "\"A\"=\"a\\nb\"\r\n", "test.reg line 4", "\\n");
        assertError(head + "\"A\"=\"unterminated\r\n", "test.reg line 4", "closing quote");
        assertError(head + "\"A\"=\"x\" trailing\r\n", "test.reg line 4", "after the closing quote");
        assertError(head + "\"A\" \"x\"\r\n", "test.reg line 4", "no =");
        assertError(head + "\"A\"=str:\"x\"\r\n", "test.reg line 4", "str:");
        assertError("Windows Registry Editor Version 5.00\r\n\"A\"=\"x\"\r\n", "test.reg line 2", "before any [KEY]");
        assertError("Windows Registry Editor Version 5.00\r\n[-HKEY_CURRENT_USER\\X]\r\n\"A\"=\"x\"\r\n", "test.reg line 3", "deletes that key");
        assertError("Windows Registry Editor Version 5.00\r\n[HKXX\\X]\r\n", "test.reg line 2", "HKXX");
        assertError("Windows Registry Editor Version 5.00\r\n[HKEY_CURRENT_USER\\X\r\n", "test.reg line 2", "]");
        var e = assertThrows(BadInputException.class, () -> RegFileParser.parse(new byte[] {'W', (byte) 0xC3, (byte) 0x28}, "bad.reg", w -> { }));
        assertTrue(e.getMessage().startsWith("bad.reg"), e.getMessage());
    }

    @Test
    void theDocumentationsKeyTypoWarnsWithTheLine() {
        var warnings = new ArrayList<String>();
        RegFile f = RegFileParser.parse("Windows Registry Editor Version 5.00\n\n[KEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]\n\"A\"=\"b\"\n"
                .getBytes(StandardCharsets.UTF_8), "doc.reg", warnings::add);
        assertEquals(RegValue.sz("A", "b"), f.value(key("HKLM\\SOFTWARE\\Kidaro"), "A").orElseThrow());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("doc.reg line 3"), warnings.get(0));
    }

    @Test
    void editsMergeSoTheSameChangeTwiceGivesTheSameFile() {
        RegFile f = new RegFile();
        f.setValue(BASE, RegValue.sz("A", "1"));
        f.setValue(BASE, RegValue.sz("B", "2"));
        String once = RegFileWriter.text(f);
        f.setValue(key("hkcu\\software\\TEST"), RegValue.sz("a", "1"));
        assertEquals(once, RegFileWriter.text(f));
        f.setValue(BASE, RegValue.sz("a", "changed"));
        assertEquals(Optional.of(RegValue.sz("A", "changed")), f.value(BASE, "a"));
        assertEquals(2, f.sections().get(0).entries().size());
    }

    @Test
    void deletingAKeyDropsWhatTheFileSaidBelowIt() {
        RegFile f = new RegFile();
        f.setValue(BASE.child("Sub"), RegValue.sz("A", "1"));
        f.setValue(key("HKCU\\Software\\Other"), RegValue.sz("B", "2"));
        f.deleteKey(BASE);
        assertTrue(f.deletesKey(BASE.child("Sub")));
        assertTrue(f.deletesValue(BASE.child("Sub"), "A"));
        assertEquals(Optional.empty(), f.values(BASE.child("Sub")));
        f.setValue(BASE, RegValue.sz("C", "3"));
        assertEquals(String.join(CRLF, "Windows Registry Editor Version 5.00", "",
                "[HKEY_CURRENT_USER\\Software\\Other]", "\"B\"=\"2\"", "",
                "[-HKEY_CURRENT_USER\\Software\\Test]", "",
                "[HKEY_CURRENT_USER\\Software\\Test]", "\"C\"=\"3\"", "", ""), RegFileWriter.text(f));
        assertFalse(f.deletesKey(BASE));
        assertTrue(f.deletesValue(BASE, "A"));
        RegFile back = RegFileParser.parse(RegFileWriter.bytes(f), "x.reg", w -> { });
        assertEquals(RegFileWriter.text(f), RegFileWriter.text(back));
    }

    @Test
    void subkeysAreThoseTheFileCreates() {
        RegFile f = new RegFile();
        f.setValue(BASE.child("b").child("deep"), RegValue.sz("A", "1"));
        f.createKey(BASE.child("A"));
        assertEquals(List.of("A", "b"), f.subkeys(BASE));
        assertEquals(Optional.of(List.of()), f.values(BASE.child("b")));
    }

    private static void assertError(String text, String where, String what) {
        var e = assertThrows(BadInputException.class, () -> parse(text), text);
        assertTrue(e.getMessage().startsWith(where + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
