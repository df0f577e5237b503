package prestage.core.client.local.registry;

import prestage.core.registry.BlankHive;
import prestage.core.registry.Fixtures;
import prestage.core.registry.Tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.registry.RegistryVerb;
import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;

/** Values set by prestage into a hive, judged by hivexget and hivexregedit; values hivexsh wrote, read by prestage. */
class HiveRegistryTest {
    private static final String KEY = "HKLM\\SOFTWARE\\Kidaro";
    @TempDir
    Path dir;
    Path hive;

    @BeforeEach
    void blankHive() throws Exception {
        hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, false);
    }

    private Step set(String name, String value, String type) {
        return Fixtures.verb(Fixtures.withHive(hive)).set(new RegistrySetRequest(KEY, name, value, type, null));
    }

    /** Name, value as the user gives it, type (null: REG_SZ), and what hivexget prints for it. */
    private static final String[][] EVERY_TYPE = {
            {"Sz", "C:\\MED-V Images\\PrestagedImages", null, "C:\\MED-V Images\\PrestagedImages"},
            {"Unicode", "Prestaged Ünïcode ✓", "REG_SZ", "Prestaged Ünïcode ✓"},
            {"Expand", "%SystemDrive%\\MED-V Images", "REG_EXPAND_SZ", "%SystemDrive%\\MED-V Images"},
            {"Dword", "0x12345678", "REG_DWORD", String.valueOf(0x12345678)},
            {"Qword", "18446744073709551615", "REG_QWORD", "-1"}, // hivexget prints a QWORD signed
            {"Multi", "first\\0second", "REG_MULTI_SZ", "first\nsecond\n"},
            {"@", "the default", null, "the default"}};

    @Test
    void everyTypeIsReadBackByHivexget() throws Exception {
        for (String[] v : EVERY_TYPE) set(v[0], v[1], v[2]);
        set("Binary", "00 01 fe ff", "REG_BINARY");

        for (String[] v : EVERY_TYPE) assertEquals(v[3], Tools.hivexget(hive, "\\Kidaro", v[0]), v[0]);
        assertArrayEquals(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff},
                Tools.ok("hivexget", hive.toString(), "\\Kidaro", "Binary").stdout());
    }

    @Test
    void everyTypeHasTheExactBytesHivexregeditExports() throws Exception {
        set("Sz", "AB", null);
        set("Expand", "%A%", "REG_EXPAND_SZ");
        set("Dword", "10", "REG_DWORD");
        set("Qword", "0x1122334455667788", "REG_QWORD");
        set("Multi", "a\\0b", "REG_MULTI_SZ");
        set("Binary", "01ff", "REG_BINARY");

        List<String> lines = Tools.export(hive);
        int at = lines.indexOf("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]");
        assertTrue(at >= 0, String.join("\n", lines));
        assertEquals(List.of(
                "\"Binary\"=hex(3):01,ff",
                "\"Dword\"=dword:0000000a",
                "\"Expand\"=hex(2):25,00,41,00,25,00,00,00",
                "\"Multi\"=hex(7):61,00,00,00,62,00,00,00,00,00",
                "\"Qword\"=hex(b):88,77,66,55,44,33,22,11",
                "\"Sz\"=hex(1):41,00,42,00,00,00"), lines.subList(at + 1, at + 7));
    }

    @Test
    void valuesWrittenByHivexshAreReadByRegistryGet() throws Exception {
        // hivexsh 1.3.23's qword: form fills the high half with garbage, so the QWORD goes in as hex:11:
        Tools.hivexsh(hive, "add Vendor", "cd Vendor", "add App", "cd App", "setval 6",
                "Path", "string:C:\\Apps", "Count", "dword:0x2a", "Big", "hex:11:08,07,06,05,04,03,02,01",
                "List", "hex:7:78,00,00,00,79,00,00,00,00,00", "Blob", "hex:3:de,ad", "@", "expandstring:%TEMP%");
        RegistryVerb verb = Fixtures.verb(Fixtures.withHive(hive));
        String all = verb.get(new RegistryGetRequest("HKLM\\SOFTWARE\\Vendor\\App", null, null));
        assertEquals(String.join(System.lineSeparator(),
                "HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\App",
                "    Path    REG_SZ    C:\\Apps",
                "    Count    REG_DWORD    0x2a",
                "    Big    REG_QWORD    0x102030405060708",
                "    List    REG_MULTI_SZ    x\\0y",
                "    Blob    REG_BINARY    DEAD",
                "    (Default)    REG_EXPAND_SZ    %TEMP%"), all);
        assertEquals("C:\\Apps", verb.read(new RegistryGetRequest("hklm\\software\\vendor\\app", "PATH", null)).orElseThrow().displayData());
        assertTrue(verb.get(new RegistryGetRequest("HKLM\\SOFTWARE\\Vendor", null, null)).endsWith("HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\App"));
    }

    @Test
    void aSecondSetIsOkAndWhatIfShowsTheDiffWithoutWriting() throws Exception {
        assertEquals(Status.CHANGED, set("V", "one", null).status());
        assertEquals(Status.OK, set("V", "one", null).status());

        byte[] before = Files.readAllBytes(hive);
        Context whatIf = Fixtures.withRegistry(hive.toString(), true);
        Step plan = Fixtures.verb(whatIf).set(new RegistrySetRequest(KEY, "V", "two", null, null));
        assertEquals(Status.CHANGED, plan.status());
        assertTrue(plan.message().startsWith("would set"), plan.message());
        assertEquals(List.of("- HKLM\\SOFTWARE\\Kidaro\\V = REG_SZ one", "+ HKLM\\SOFTWARE\\Kidaro\\V = REG_SZ two"), plan.diff());
        assertArrayEquals(before, Files.readAllBytes(hive));
        assertEquals(3, whatIf.outcome().exitCode());
        assertEquals("one", Tools.hivexget(hive, "\\Kidaro", "V"));
    }

    @Test
    void aNewKeyShowsInTheDiff() {
        Step s = set("V", "1", "REG_DWORD");
        assertEquals(List.of("+ [HKLM\\SOFTWARE\\Kidaro]", "+ HKLM\\SOFTWARE\\Kidaro\\V = REG_DWORD 0x1"), s.diff());
    }

    @Test
    void changingTheTypeIsAChange() throws Exception {
        set("V", "5", null);
        Step s = set("V", "5", "REG_DWORD");
        assertEquals(Status.CHANGED, s.status());
        assertEquals("5", Tools.hivexget(hive, "\\Kidaro", "V"));
        assertTrue(Tools.export(hive).contains("\"V\"=dword:00000005"));
    }

    @Test
    void deleteIsIdempotentForValuesAndKeys() throws Exception {
        set("Keep", "k", null);
        set("Gone", "g", null);
        Fixtures.verb(Fixtures.withHive(hive)).set(new RegistrySetRequest("HKLM\\SOFTWARE\\Kidaro\\Sub", "X", "1", "REG_DWORD", null));
        RegistryVerb verb = Fixtures.verb(Fixtures.withHive(hive));

        Step del = verb.delete(new RegistryDeleteRequest(KEY, "Gone", null));
        assertEquals(Status.CHANGED, del.status());
        assertEquals(List.of("- HKLM\\SOFTWARE\\Kidaro\\Gone = REG_SZ g"), del.diff());
        assertEquals(Status.OK, verb.delete(new RegistryDeleteRequest(KEY, "Gone", null)).status());
        assertEquals(1, Tools.run(null, "hivexget", hive.toString(), "\\Kidaro", "Gone").exit());
        assertEquals("k", Tools.hivexget(hive, "\\Kidaro", "Keep"));

        Step delKey = verb.delete(new RegistryDeleteRequest(KEY, null, null));
        assertEquals(Status.CHANGED, delKey.status());
        assertEquals(List.of("- [HKLM\\SOFTWARE\\Kidaro]", "-   Keep = REG_SZ k", "- [HKLM\\SOFTWARE\\Kidaro\\Sub]",
                "-   X = REG_DWORD 0x1"), delKey.diff());
        assertEquals(Status.OK, verb.delete(new RegistryDeleteRequest(KEY, null, null)).status());
        assertFalse(Tools.export(hive).stream().anyMatch(l -> l.contains("Kidaro")));
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        set("V", "1", null);
        Fixtures.verb(Fixtures.withHive(hive)).delete(new RegistryDeleteRequest(KEY, "V", null));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(hive), files.toList());
        }
    }

    @Test
    void aKeyOutsideHklmSoftwareIsAClearErrorAndTheHiveIsUntouched() throws Exception {
        byte[] before = Files.readAllBytes(hive);
        var e = assertThrows(BadInputException.class,
                () -> Fixtures.verb(Fixtures.withHive(hive)).set(new RegistrySetRequest("HKCU\\Software\\X", "V", "1", null, null)));
        assertTrue(e.getMessage().contains("HKCU\\Software\\X") && e.getMessage().contains(hive.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(hive));
    }

    @Test
    void badInputLeavesTheHiveUntouched() throws Exception {
        set("V", "1", null);
        byte[] before = Files.readAllBytes(hive);
        RegistryVerb verb = Fixtures.verb(Fixtures.withHive(hive));
        var range = assertThrows(BadInputException.class, () -> verb.set(new RegistrySetRequest(KEY, "V", "4294967296", "REG_DWORD", null)));
        assertTrue(range.getMessage().contains("out of range"), range.getMessage());
        assertThrows(BadInputException.class, () -> verb.set(new RegistrySetRequest(KEY, "V", "1", "REG_WHATEVER", null)));
        assertThrows(BadInputException.class, () -> verb.set(new RegistrySetRequest("HKXX\\SOFTWARE\\Kidaro", "V", "1", null, null)));
        assertThrows(BadInputException.class, () -> verb.set(new RegistrySetRequest(KEY, "V", "1", null, 48)));
        assertThrows(BadInputException.class, () -> verb.delete(new RegistryDeleteRequest("HKLM\\SOFTWARE", null, null)));
        assertArrayEquals(before, Files.readAllBytes(hive));
    }

    @Test
    void aTruncatedHiveIsNamedAndLeftAsItIs() throws Exception {
        set("V", "1", null);
        byte[] whole = Files.readAllBytes(hive);
        byte[] cut = Arrays.copyOf(whole, whole.length - 4096);
        Files.write(hive, cut);
        assertRefused(cut, "truncated");
        byte[] tiny = Arrays.copyOf(whole, 5000);
        Files.write(hive, tiny);
        assertRefused(tiny, "8 KiB");
    }

    @Test
    void aCorruptHiveIsNamedAndLeftAsItIs() throws Exception {
        set("V", "1", null);
        byte[] bytes = Files.readAllBytes(hive);
        bytes[0x30] ^= 0x55; // inside the header: the checksum no longer matches
        Files.write(hive, bytes);
        assertRefused(bytes, "checksum");

        byte[] bins = Files.readAllBytes(hive);
        bins[0x30] ^= 0x55;
        bins[0x1000] = 'X'; // the first bin's signature
        Files.write(hive, bins);
        assertRefused(bins, "no hive bin");

        byte[] text = "Windows Registry Editor Version 5.00\r\n".repeat(300).getBytes(StandardCharsets.UTF_8);
        Files.write(hive, text);
        assertRefused(text, "regf");
    }

    @Test
    void aHiveWindowsDidNotCloseCleanlyIsReadButNotWritten() throws Exception {
        set("V", "1", null);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(hive)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04, b.getInt(0x08) + 1);
        b.putInt(0x1FC, BlankHive.checksum(b));
        Files.write(hive, b.array());
        assertEquals("1", Fixtures.verb(Fixtures.withHive(hive)).read(new RegistryGetRequest(KEY, "V", null)).orElseThrow().displayData());
        var e = assertThrows(BadInputException.class, () -> set("V", "2", null));
        assertTrue(e.getMessage().contains("not closed cleanly") && e.getMessage().contains(hive.toString()), e.getMessage());
        assertArrayEquals(b.array(), Files.readAllBytes(hive));
    }

    @Test
    void aMissingHiveSaysHowToCreateOne() {
        Path missing = dir.resolve("nope");
        var e = assertThrows(BadInputException.class, () -> Fixtures.withRegistry(missing.toString(), false).client().registry());
        assertTrue(e.getMessage().contains("new-hive:"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void newHiveCreatesTheHiveOnTheFirstWriteOnly() throws Exception {
        Path created = dir.resolve("fresh.hive");
        Context whatIf = Fixtures.withRegistry("new-hive:" + created, true);
        assertEquals(Status.CHANGED, Fixtures.verb(whatIf).set(new RegistrySetRequest(KEY, "V", "1", null, 32)).status());
        assertFalse(Files.exists(created), "what-if must not create the hive");

        Step s = Fixtures.verb(Fixtures.withRegistry("new-hive:" + created, false)).set(new RegistrySetRequest(KEY, "V", "1", null, 32));
        assertEquals(Status.CHANGED, s.status());
        assertEquals("1", Tools.hivexget(created, "\\WOW6432Node\\Kidaro", "V"));
        byte[] after = Files.readAllBytes(created);
        assertEquals(Status.OK, Fixtures.verb(Fixtures.withRegistry("new-hive:" + created, false)).set(new RegistrySetRequest(KEY, "V", "1", null, 32)).status());
        assertArrayEquals(after, Files.readAllBytes(created));

        Path x86 = dir.resolve("x86.hive");
        Fixtures.verb(Fixtures.withRegistry("new-hive-x86:" + x86, false)).set(new RegistrySetRequest(KEY, "V", "1", null, 32));
        assertEquals("1", Tools.hivexget(x86, "\\Kidaro", "V"));
    }

    private void assertRefused(byte[] content, String why) throws Exception {
        RegistryVerb verb = Fixtures.verb(Fixtures.withHive(hive));
        for (Runnable attempt : List.<Runnable>of(
                () -> verb.set(new RegistrySetRequest(KEY, "V", "2", null, null)),
                () -> verb.get(new RegistryGetRequest(KEY, "V", null)),
                () -> verb.delete(new RegistryDeleteRequest(KEY, null, null)))) {
            var e = assertThrows(BadInputException.class, attempt::run);
            assertTrue(e.getMessage().contains(hive.toString()) && e.getMessage().contains(why), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertArrayEquals(content, Files.readAllBytes(hive));
        }
        assertNotEquals(0, content.length);
    }
}
