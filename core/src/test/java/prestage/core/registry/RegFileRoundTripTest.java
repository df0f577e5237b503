package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.registry.RegistryVerb;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;

/** .reg files prestage writes, merged by hivexregedit; .reg files hivexregedit writes, read by prestage. */
class RegFileRoundTripTest {
    private static final String PREFIX = "HKEY_LOCAL_MACHINE\\SOFTWARE";
    @TempDir
    Path dir;

    /** Every type, a long value that wraps, a subkey, the default value. hivexregedit encodes quoted strings from
     *  the file's bytes, so quoted REG_SZ data stays ASCII here; non-ASCII text rides in the hex-written types. */
    private static void fill(RegistryVerb verb, String key, Integer view) {
        verb.set(new RegistrySetRequest(key, "PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages", null, view));
        verb.set(new RegistrySetRequest(key, "Quotes \"and\" \\slashes\\", "say \"hi\" C:\\", "REG_SZ", view));
        verb.set(new RegistrySetRequest(key, "@", "default", null, view));
        verb.set(new RegistrySetRequest(key, "Expand", "%SystemDrive%\\MED-V Images\\Ünïcode ✓", "REG_EXPAND_SZ", view));
        verb.set(new RegistrySetRequest(key, "Dword", "0xdeadbeef", "REG_DWORD", view));
        verb.set(new RegistrySetRequest(key, "Qword", "0x0102030405060708", "REG_QWORD", view));
        verb.set(new RegistrySetRequest(key, "Multi", "one\\0two\\0three", "REG_MULTI_SZ", view));
        verb.set(new RegistrySetRequest(key, "Binary", "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f".repeat(10), "REG_BINARY", view));
        verb.set(new RegistrySetRequest(key + "\\Sub", "Inner", "1", "REG_DWORD", view));
    }

    @Test
    void anExportMergedByHivexregeditGivesTheSameValues() throws Exception {
        Path source = dir.resolve("source.hive");
        BlankHive.write(source, true);
        RegistryVerb verb = Fixtures.verb(Fixtures.withHive(source));
        fill(verb, "HKLM\\SOFTWARE\\Kidaro", 32);

        Path reg = dir.resolve("kidaro.reg");
        Step export = verb.export(new RegistryExportRequest("HKLM\\SOFTWARE\\Kidaro", reg.toString(), 32));
        assertEquals(Status.CHANGED, export.status(), export.message());
        assertEquals(2, export.data().get("keys"));
        assertEquals(Status.OK, Fixtures.verb(Fixtures.withHive(source)).export(new RegistryExportRequest("HKLM\\SOFTWARE\\Kidaro", reg.toString(), 32)).status());

        byte[] exported = Files.readAllBytes(reg);
        assertEquals(0xFF, exported[0] & 0xFF);
        assertEquals(0xFE, exported[1] & 0xFF);
        String text = new String(exported, 2, exported.length - 2, StandardCharsets.UTF_16LE);
        assertTrue(text.startsWith("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro]\r\n"), text);
        Path utf8 = dir.resolve("kidaro-utf8.reg");
        Files.writeString(utf8, text, StandardCharsets.UTF_8);

        Path target = dir.resolve("target.hive");
        BlankHive.write(target, true);
        Tools.ok("hivexregedit", "--merge", "--prefix", PREFIX, target.toString(), utf8.toString());

        assertEquals(exportOf(source, "\\WOW6432Node\\Kidaro"), exportOf(target, "\\WOW6432Node\\Kidaro"));
        assertEquals("C:\\MED-V Images\\PrestagedImages", Tools.hivexget(target, "\\WOW6432Node\\Kidaro", "PrestagedImagesPath"));
        assertEquals("%SystemDrive%\\MED-V Images\\Ünïcode ✓", Tools.hivexget(target, "\\WOW6432Node\\Kidaro", "Expand"));
    }

    @Test
    void whatHivexregeditExportsIsReadByPrestage() throws Exception {
        Path source = dir.resolve("source.hive");
        BlankHive.write(source, false);
        fill(Fixtures.verb(Fixtures.withHive(source)), "HKLM\\SOFTWARE\\Kidaro", null);
        byte[] hivexExport = Tools.ok("hivexregedit", "--export", "--prefix", PREFIX, source.toString(), "\\Kidaro").stdout();

        Path reg = dir.resolve("from-hivex.reg");
        Files.write(reg, hivexExport);
        RegistryVerb fromFile = Fixtures.verb(Fixtures.withRegistry(reg.toString(), false));
        RegistryVerb fromHive = Fixtures.verb(Fixtures.withHive(source));
        for (String name : List.of("PrestagedImagesPath", "Quotes \"and\" \\slashes\\", "@", "Expand", "Dword", "Qword", "Multi", "Binary")) {
            assertEquals(fromHive.read(new RegistryGetRequest("HKLM\\SOFTWARE\\Kidaro", name, null)).orElseThrow(),
                    fromFile.read(new RegistryGetRequest("HKLM\\SOFTWARE\\Kidaro", name, null)).orElseThrow(), name);
        }
        assertEquals(fromHive.get(new RegistryGetRequest("HKLM\\SOFTWARE\\Kidaro\\Sub", null, null)), fromFile.get(new RegistryGetRequest("HKLM\\SOFTWARE\\Kidaro\\Sub", null, null)));
    }

    @Test
    void theFolderTargetsRegFileMergesIntoAHive() throws Exception {
        Path drive = Files.createDirectory(dir.resolve("client"));
        RegistryVerb verb = Fixtures.verb(Fixtures.folderTarget(drive, false));
        fill(verb, "HKLM\\SOFTWARE\\Kidaro", null);
        verb.delete(new RegistryDeleteRequest("HKLM\\SOFTWARE\\Kidaro", "Dword", null));

        byte[] bytes = Files.readAllBytes(drive.resolve("prestage.reg"));
        Path utf8 = dir.resolve("prestage-utf8.reg");
        Files.writeString(utf8, new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_8);
        Path hive = dir.resolve("client.hive");
        BlankHive.write(hive, false);
        Tools.hivexsh(hive, "add Kidaro", "cd Kidaro", "setval 1", "Dword", "dword:0x1");
        Tools.ok("hivexregedit", "--merge", "--prefix", PREFIX, hive.toString(), utf8.toString());

        assertEquals("C:\\MED-V Images\\PrestagedImages", Tools.hivexget(hive, "\\Kidaro", "PrestagedImagesPath"));
        assertEquals("one\ntwo\nthree\n", Tools.hivexget(hive, "\\Kidaro", "Multi"));
        assertEquals("1", Tools.hivexget(hive, "\\Kidaro\\Sub", "Inner"));
        assertEquals(1, Tools.run(null, "hivexget", hive.toString(), "\\Kidaro", "Dword").exit(), "the .reg file deleted Dword");
    }

    private static List<String> exportOf(Path hive, String key) throws Exception {
        return List.of(Tools.ok("hivexregedit", "--export", "--prefix", PREFIX, hive.toString(), key).out().split("\n"));
    }
}
