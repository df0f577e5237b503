package prestage.core.client.local.registry;

import prestage.core.registry.Bitness;
import prestage.core.registry.BlankHive;
import prestage.core.registry.Fixtures;
import prestage.core.registry.RegistryBackend;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.registry.RegistryVerb;
import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.client.local.LocalKind;
import prestage.core.client.local.RegistryBackends;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;

/** Which registry a target writes to, and the .reg file a plain folder target keeps. */
class RegistryBackendsTest {
    private static final String KEY = "HKLM\\SOFTWARE\\Kidaro";
    @TempDir
    Path dir;

    @Test
    void anNtfsVolumeUsesItsSoftwareHiveWhateverTheCase() throws Exception {
        Path config = Files.createDirectories(dir.resolve("WINDOWS/system32/Config"));
        Path hive = config.resolve("software");
        BlankHive.write(hive, true);
        RegistryBackend b = RegistryBackends.forClient(LocalKind.NTFS_VOLUME, dir, onDrive(dir), null);
        assertInstanceOf(HiveRegistry.class, b);
        assertEquals(hive, ((HiveRegistry) b).file());
        assertEquals(Bitness.X64, b.bitness());
    }

    @Test
    void anNtfsVolumeWithoutAHiveIsAClearError() {
        var e = assertThrows(BadInputException.class, () -> RegistryBackends.forClient(LocalKind.NTFS_VOLUME, dir, onDrive(dir), null));
        assertTrue(e.getMessage().contains("System32\\config\\SOFTWARE") && e.getMessage().contains("--registry"), e.getMessage());
    }

    @Test
    void theRegistryOptionWinsOverTheTarget() throws Exception {
        Path hive = dir.resolve("other.hive");
        BlankHive.write(hive, false);
        assertInstanceOf(HiveRegistry.class, RegistryBackends.forClient(LocalKind.FOLDER, dir, onDrive(dir), hive.toString()));
        assertInstanceOf(RegFileRegistry.class, RegistryBackends.forClient(LocalKind.NTFS_VOLUME, dir, onDrive(dir), dir.resolve("x.REG").toString()));
        assertInstanceOf(HiveRegistry.class, RegistryBackends.forClient(LocalKind.NATIVE, null, onDrive(null), "new-hive:" + dir.resolve("n")));
    }

    @Test
    void withoutATargetOrRegistryOptionItAsksForOne() {
        var e = assertThrows(BadInputException.class, () -> RegistryBackends.forClient(LocalKind.NATIVE, null, onDrive(null), null));
        assertTrue(e.getMessage().contains("--registry"), e.getMessage());
        assertThrows(BadInputException.class, () -> RegistryBackends.forClient(LocalKind.NATIVE, null, onDrive(null), dir.toString()));
        assertThrows(BadInputException.class, () -> RegistryBackends.forClient(LocalKind.NATIVE, null, onDrive(null), "x64:" + dir.resolve("h")));
        assertThrows(BadInputException.class, () -> RegistryBackends.forClient(LocalKind.NATIVE, null, onDrive(null), "new-hive:"));
    }

    @Test
    void aFolderTargetWritesPrestageRegAndSaysHowToApplyIt() throws Exception {
        Context ctx = Fixtures.folderTarget(dir, false);
        Step s = Fixtures.verb(ctx).set(new RegistrySetRequest(KEY, "PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages", null, null));
        Path reg = dir.resolve("prestage.reg");
        assertEquals(Status.CHANGED, s.status());
        assertTrue(s.message().contains(reg.toString()) && s.message().contains("reg import \"C:\\prestage.reg\""), s.message());
        byte[] bytes = Files.readAllBytes(reg);
        assertEquals("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]\r\n"
                        + "\"PrestagedImagesPath\"=\"C:\\\\MED-V Images\\\\PrestagedImages\"\r\n\r\n",
                new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE));

        RegistryVerb again = Fixtures.verb(Fixtures.folderTarget(dir, false));
        assertEquals("HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro" + System.lineSeparator()
                + "    PrestagedImagesPath    REG_SZ    C:\\MED-V Images\\PrestagedImages", again.get(new RegistryGetRequest(KEY, "PrestagedImagesPath", null)));
        assertEquals(Status.OK, again.set(new RegistrySetRequest(KEY, "PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages", null, null)).status());
        assertArrayEquals(bytes, Files.readAllBytes(reg));
    }

    @Test
    void aFolderTargetRecordsDeletionsSoTheClientMakesThem() throws Exception {
        RegistryVerb verb = Fixtures.verb(Fixtures.folderTarget(dir, false));
        Step delValue = verb.delete(new RegistryDeleteRequest(KEY, "Old", null));
        assertEquals(Status.CHANGED, delValue.status());
        assertEquals(List.of("- HKLM\\SOFTWARE\\Kidaro\\Old"), delValue.diff());
        assertEquals(Status.OK, verb.delete(new RegistryDeleteRequest(KEY, "Old", null)).status());
        assertEquals(Status.CHANGED, verb.delete(new RegistryDeleteRequest("HKLM\\SOFTWARE\\Stale", null, null)).status());
        assertEquals(Status.OK, verb.delete(new RegistryDeleteRequest("HKLM\\SOFTWARE\\Stale", null, null)).status());
        assertEquals(Status.OK, verb.delete(new RegistryDeleteRequest("HKLM\\SOFTWARE\\Stale\\Below", "X", null)).status());
        byte[] bytes = Files.readAllBytes(dir.resolve("prestage.reg"));
        assertEquals(String.join("\r\n", "Windows Registry Editor Version 5.00", "", "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]",
                "\"Old\"=-", "", "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Stale]", "", ""),
                new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE));
    }

    @Test
    void whatIfOnAFolderTargetWritesNothing() {
        Context ctx = Fixtures.folderTarget(dir, true);
        Step s = Fixtures.verb(ctx).set(new RegistrySetRequest(KEY, "V", "1", "REG_DWORD", 32));
        assertEquals(Status.CHANGED, s.status());
        assertEquals(List.of("+ [HKLM\\SOFTWARE\\WOW6432Node\\Kidaro]", "+ HKLM\\SOFTWARE\\WOW6432Node\\Kidaro\\V = REG_DWORD 0x1",
                "+ [HKLM\\SOFTWARE\\Kidaro]", "+ HKLM\\SOFTWARE\\Kidaro\\V = REG_DWORD 0x1"), s.diff());
        assertFalse(Files.exists(dir.resolve("prestage.reg")));
        assertEquals(3, ctx.outcome().exitCode());
    }

    @Test
    void aBrokenRegFileIsNamedWithItsLineAndLeftAlone() throws Exception {
        Path reg = dir.resolve("prestage.reg");
        byte[] broken = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]\r\nnonsense\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(reg, broken);
        var e = assertThrows(BadInputException.class, () -> Fixtures.verb(Fixtures.folderTarget(dir, false)).set(new RegistrySetRequest(KEY, "V", "1", null, null)));
        assertTrue(e.getMessage().startsWith(reg + " line 4:"), e.getMessage());
        assertArrayEquals(broken, Files.readAllBytes(reg));
    }

    /** What a folder client finds on its drive, for the backends' own tests. */
    private static RegistryBackends.ClientFiles onDrive(Path drive) {
        return p -> {
            if (drive == null) return java.util.Optional.empty();
            Path local = drive;
            for (String n : p.names()) {
                Path exact = local.resolve(n);
                if (!Files.exists(exact)) {
                    try (var children = Files.list(local)) {
                        exact = children.filter(c -> c.getFileName().toString().equalsIgnoreCase(n)).findFirst().orElse(exact);
                    } catch (java.io.IOException e) {
                        return java.util.Optional.empty();
                    }
                }
                local = exact;
            }
            return Files.exists(local) ? java.util.Optional.of(local) : java.util.Optional.empty();
        };
    }
}
