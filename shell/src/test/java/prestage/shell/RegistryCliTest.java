package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.registry.BlankHive;

/** {@code prestage registry get|set|delete|export} as docs/cli.md gives them, judged by hivexget where a hive is involved. */
@DisabledOnOs(OS.WINDOWS)
class RegistryCliTest {
    private static final String KEY = "HKLM\\SOFTWARE\\Kidaro";
    private static final String NAME = "PrestagedImagesPath";
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";
    @TempDir
    Path dir;



    private Path x64Hive() throws IOException {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        return hive;
    }

    @Test
    void theMedvValueLandsInWow6432NodeAndASecondRunIsOk() throws Exception {
        Path hive = x64Hive();
        var first = prestage("registry", "set", KEY, NAME, STORE, "--view", "32", "--registry", hive.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("changed  registry"), first.out());
        assertEquals(STORE + "\n", hivexget(hive, "\\WOW6432Node\\Kidaro", NAME));

        var second = prestage("registry", "set", KEY, NAME, STORE, "--view", "32", "--registry", hive.toString());
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("ok "), second.out());
        assertTrue(second.out().contains("1 ok, 0 changed, 0 failed"), second.out());

        var get = prestage("--registry", hive.toString(), "registry", "get", KEY, NAME, "--view", "32");
        assertEquals(0, get.exit(), get.err());
        assertEquals("HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro" + System.lineSeparator()
                + "    PrestagedImagesPath    REG_SZ    " + STORE, get.out().strip());
    }

    @Test
    void whatIfShowsTheDiffExitsThreeAndLeavesTheHive() throws Exception {
        Path hive = x64Hive();
        prestage("registry", "set", KEY, NAME, "D:\\old", "--view", "32", "--registry", hive.toString());
        byte[] before = Files.readAllBytes(hive);
        var r = prestage("registry", "set", KEY, NAME, STORE, "--view", "32", "--registry", hive.toString(), "--what-if");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.out().contains("- HKLM\\SOFTWARE\\WOW6432Node\\Kidaro\\PrestagedImagesPath = REG_SZ D:\\old"), r.out());
        assertTrue(r.out().contains("+ HKLM\\SOFTWARE\\WOW6432Node\\Kidaro\\PrestagedImagesPath = REG_SZ " + STORE), r.out());
        assertArrayEquals(before, Files.readAllBytes(hive));
    }

    @Test
    void typesAndDeleteThroughTheCli() throws Exception {
        Path hive = x64Hive();
        String reg = hive.toString();
        assertEquals(0, prestage("registry", "set", KEY, "D", "0x2a", "--type", "REG_DWORD", "--registry", reg).exit());
        assertEquals(0, prestage("registry", "set", KEY, "M", "a\\0b", "--type", "multi_sz", "--registry", reg).exit());
        assertEquals("42\n", hivexget(hive, "\\Kidaro", "D"));
        assertEquals("a\nb\n\n", hivexget(hive, "\\Kidaro", "M")); // hivexget ends the list with an empty line

        var del = prestage("registry", "delete", KEY, "D", "--registry", reg);
        assertEquals(0, del.exit(), del.err());
        assertTrue(del.out().contains("- HKLM\\SOFTWARE\\Kidaro\\D = REG_DWORD 0x2a"), del.out());
        var again = prestage("registry", "delete", KEY, "D", "--registry", reg);
        assertEquals(0, again.exit());
        assertTrue(again.out().startsWith("ok "), again.out());
        assertEquals(0, prestage("registry", "delete", KEY, "--registry", reg).exit());
        assertEquals(1, run("hivexget", reg, "\\Kidaro").exit(), "the key is gone");
    }

    @Test
    void badInputIsOneLineExitTwoAndTheHiveUntouched() throws Exception {
        Path hive = x64Hive();
        byte[] before = Files.readAllBytes(hive);
        String[][] bad = {
                {"registry", "set", KEY, "D", "4294967296", "--type", "REG_DWORD"},
                {"registry", "set", KEY, "D", "1", "--type", "REG_FOO"},
                {"registry", "set", "HKXX\\SOFTWARE\\Kidaro", "D", "1"},
                {"registry", "set", KEY, "D", "1", "--view", "48"},
                {"registry", "set", "HKCU\\Software\\X", "D", "1"},
                {"registry", "get", KEY, NAME, "--view", "32"},
        };
        for (String[] args : bad) {
            String[] withRegistry = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--registry", hive.toString())).toArray(String[]::new);
            var r = prestage(withRegistry);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("prestage: "), r.err());
            assertArrayEquals(before, Files.readAllBytes(hive), String.join(" ", args));
        }
    }

    @Test
    void aDamagedHiveIsNamedAndExitsTwo() throws Exception {
        Path hive = x64Hive();
        byte[] bytes = Files.readAllBytes(hive);
        byte[] cut = java.util.Arrays.copyOf(bytes, 6000);
        Files.write(hive, cut);
        var r = prestage("registry", "set", KEY, NAME, STORE, "--view", "32", "--registry", hive.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(hive.toString()) && r.err().contains("8 KiB"), r.err());
        assertArrayEquals(cut, Files.readAllBytes(hive));
    }

    @Test
    void aFolderTargetKeepsARegFileAndExportWritesOne() throws Exception {
        Path client = Files.createDirectories(dir.resolve("client"));
        var set = prestage("--target", client.toString(), "registry", "set", KEY, NAME, STORE, "--view", "32");
        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().contains("reg import \"C:\\prestage.reg\""), set.out());
        Path reg = client.resolve("prestage.reg");
        byte[] bytes = Files.readAllBytes(reg);
        String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        assertTrue(text.contains("[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro]\r\n\"PrestagedImagesPath\"=\"C:\\\\MED-V Images\\\\PrestagedImages\"\r\n"), text);

        var export = prestage("--target", client.toString(), "registry", "export", KEY, "C:\\kidaro.reg", "--view", "32");
        assertEquals(0, export.exit(), export.err());
        byte[] exported = Files.readAllBytes(client.resolve("kidaro.reg"));
        assertEquals("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro]\r\n"
                        + "\"PrestagedImagesPath\"=\"C:\\\\MED-V Images\\\\PrestagedImages\"\r\n\r\n",
                new String(exported, 2, exported.length - 2, StandardCharsets.UTF_16LE));
        var again = prestage("--target", client.toString(), "registry", "export", KEY, "C:\\kidaro.reg", "--view", "32");
        assertTrue(again.out().startsWith("ok "), again.out());
    }

    @Test
    void jsonCarriesTheLocationsAndTheChange() throws Exception {
        Path hive = x64Hive();
        var r = prestage("--json", "registry", "set", KEY, NAME, STORE, "--view", "32", "--registry", hive.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("changed", doc.at("/steps/0/status").asText());
        assertEquals("HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", doc.at("/steps/0/data/locations/0").asText());
        assertEquals(32, doc.at("/steps/0/data/view").asInt());
        assertEquals(STORE, doc.at("/steps/0/data/value").asText());
    }

    @Test
    void withoutAnyRegistryItAsksForOne() {
        var r = prestage("registry", "get", KEY, NAME);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--registry"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void helpListsTheSubcommandsAndTheRegistryForms() {
        var help = prestage("registry", "--help");
        assertEquals(0, help.exit());
        for (String sub : new String[]{"get", "set", "delete", "export"}) {
            assertTrue(help.out().contains("  " + sub + " "), sub + ": " + help.out());
            assertEquals(0, prestage("registry", sub, "-h").exit());
        }
        assertTrue(help.out().contains("new-hive:"), help.out());
    }

    private record Run(int exit, String out) {
    }

    private static String hivexget(Path hive, String key, String name) throws Exception {
        Run r = run("hivexget", hive.toString(), key, name);
        assertEquals(0, r.exit(), "hivexget " + key + " " + name);
        return r.out();
    }

    private static Run run(String... command) throws Exception {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) found |= Files.isExecutable(Path.of(d, command[0]));
        if (!found) fail(command[0] + " is not installed but judges this test: apt-get install libhivex-bin");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) fail(command[0] + " hung");
        return new Run(p.exitValue(), out);
    }
}
