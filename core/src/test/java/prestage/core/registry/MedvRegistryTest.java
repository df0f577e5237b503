package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import prestage.core.profile.Profile;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;

/** The value the MED-V client reads: PrestagedImagesPath under HKLM\SOFTWARE\Kidaro, 32-bit view. */
class MedvRegistryTest {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";
    private static final Profile MEDV = Profile.MEDV;
    @TempDir
    Path dir;

    private Step setMedv(Context ctx) {
        return Fixtures.verb(ctx).set(new RegistrySetRequest(MEDV.registryKey(), MEDV.registryValue(), STORE, null, MEDV.registryView()));
    }

    @Test
    void onAnX64HiveItLandsInWow6432NodeAndASecondRunIsOk() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        // registry set 'HKLM\SOFTWARE\Kidaro' PrestagedImagesPath 'C:\MED-V Images\PrestagedImages' --view 32 --registry HIVE
        Step first = Fixtures.verb(Fixtures.withRegistry(hive.toString(), false))
                .set(new RegistrySetRequest("HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", STORE, null, 32));
        assertEquals(Status.CHANGED, first.status());
        assertEquals(STORE, Tools.hivexget(hive, "\\WOW6432Node\\Kidaro", "PrestagedImagesPath"));
        assertNotEquals(0, Tools.run(null, "hivexget", hive.toString(), "\\Kidaro", "PrestagedImagesPath").exit(),
                "nothing may land in the 64-bit view");
        assertEquals(List.of("HKLM\\SOFTWARE\\WOW6432Node\\Kidaro"), first.data().get("locations"));

        byte[] after = Files.readAllBytes(hive);
        Context again = Fixtures.withRegistry(hive.toString(), false);
        assertEquals(Status.OK, setMedv(again).status());
        assertEquals(0, again.outcome().exitCode());
        assertArrayEquals(after, Files.readAllBytes(hive));
    }

    @Test
    void onAnX86HiveItLandsInKidaro() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, false);
        assertEquals(Status.CHANGED, setMedv(Fixtures.withHive(hive)).status());
        assertEquals(STORE, Tools.hivexget(hive, "\\Kidaro", "PrestagedImagesPath"));
        assertEquals(List.of("[HKEY_LOCAL_MACHINE\\SOFTWARE\\]", "", "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]"),
                Tools.export(hive).subList(2, 5));
    }

    @Test
    void readingTheWrongViewSaysWhereTheValueIs() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        setMedv(Fixtures.withHive(hive));
        RegistryVerb verb = Fixtures.verb(Fixtures.withHive(hive));
        assertEquals("HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro" + System.lineSeparator()
                + "    PrestagedImagesPath    REG_SZ    " + STORE, verb.get(new RegistryGetRequest(MEDV.registryKey(), MEDV.registryValue(), 32)));
        var e = assertThrows(BadInputException.class, () -> verb.get(new RegistryGetRequest(MEDV.registryKey(), MEDV.registryValue(), 64)));
        assertTrue(e.getMessage().contains("--view 32") && e.getMessage().contains("WOW6432Node"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void forgettingTheViewIsWarnedAboutAndReadingWithoutItPointsToIt() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        Context ctx = Fixtures.withHive(hive);
        Fixtures.verb(ctx).set(new RegistrySetRequest(MEDV.registryKey(), MEDV.registryValue(), STORE, null, null));
        assertEquals(1, ctx.outcome().warnings().size(), ctx.outcome().warnings().toString());
        String w = ctx.outcome().warnings().get(0);
        assertTrue(w.contains("32-bit view") && w.contains("WOW6432Node") && w.contains("--view 32"), w);

        Path x86 = dir.resolve("x86");
        BlankHive.write(x86, false);
        Context onX86 = Fixtures.withHive(x86);
        Fixtures.verb(onX86).set(new RegistrySetRequest(MEDV.registryKey(), MEDV.registryValue(), STORE, null, null));
        assertEquals(List.of(), onX86.outcome().warnings(), "an x86 client has one view");

        Path other = dir.resolve("other");
        BlankHive.write(other, true);
        setMedv(Fixtures.withHive(other));
        var e = assertThrows(BadInputException.class,
                () -> Fixtures.verb(Fixtures.withHive(other)).get(new RegistryGetRequest(MEDV.registryKey(), MEDV.registryValue(), null)));
        assertTrue(e.getMessage().contains("add --view 32"), e.getMessage());
    }

    @Test
    void aValueInTheOtherViewIsWarnedAbout() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        Fixtures.verb(Fixtures.withHive(hive)).set(new RegistrySetRequest(MEDV.registryKey(), MEDV.registryValue(), "D:\\wrong", null, 64));
        Context ctx = Fixtures.withHive(hive);
        setMedv(ctx);
        assertEquals(1, ctx.outcome().warnings().size(), ctx.outcome().warnings().toString());
        String w = ctx.outcome().warnings().get(0);
        assertTrue(w.contains("64-bit view") && w.contains("D:\\wrong") && w.contains("--view 64"), w);
    }

    @Test
    void aRegFileOfUnknownBitnessCarriesBothPlacesAndReadsBack() throws Exception {
        Path reg = dir.resolve("medv.reg");
        Step s = setMedv(Fixtures.withRegistry(reg.toString(), false));
        assertEquals(Status.CHANGED, s.status());
        assertEquals(List.of("HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "HKLM\\SOFTWARE\\Kidaro"), s.data().get("locations"));
        RegFile f = RegFileParser.read(reg, w -> { });
        assertEquals(List.of("HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro"),
                f.sections().stream().map(x -> x.key().toString()).toList());
        assertEquals(STORE, Fixtures.verb(Fixtures.withRegistry(reg.toString(), false))
                .read(new RegistryGetRequest(MEDV.registryKey(), MEDV.registryValue(), 32)).orElseThrow().displayData());
        assertEquals(Status.OK, setMedv(Fixtures.withRegistry(reg.toString(), false)).status());
    }

    @Test
    void aPinnedRegFileCarriesOnePlace() throws Exception {
        Path x64 = dir.resolve("x64.reg");
        setMedv(Fixtures.withRegistry("x64:" + x64, false));
        assertEquals(List.of("HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro"),
                RegFileParser.read(x64, w -> { }).sections().stream().map(x -> x.key().toString()).toList());
        Path x86 = dir.resolve("x86.reg");
        setMedv(Fixtures.withRegistry("x86:" + x86, false));
        assertEquals(List.of("HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro"),
                RegFileParser.read(x86, w -> { }).sections().stream().map(x -> x.key().toString()).toList());
    }
}
