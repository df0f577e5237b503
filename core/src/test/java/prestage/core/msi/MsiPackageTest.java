package prestage.core.msi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.BadInputException;
import prestage.core.testing.TestMsi;

/** The MSI reader against packages msitools' msibuild made, judged by msitools' msiinfo. */
class MsiPackageTest {

    @Test
    void readsTheSamePropertyTableAsMsiinfo(@TempDir Path dir) throws IOException {
        var props = TestMsi.medv("{6F330B47-2577-43AD-9095-1861BA25889B}", "1.0.65");
        props.put("ARPHELPLINK", "https://example.test/" + "x".repeat(300)); // a longer string
        props.put("Empty.Looking_Name", "C:\\MED-V Images\\");
        Path msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), props);

        MsiPackage pkg = MsiPackage.read(msi);
        assertEquals(TestMsi.msiinfoProperties(msi), pkg.properties());
        assertEquals("{6F330B47-2577-43AD-9095-1861BA25889B}", pkg.productCode());
        assertEquals("1.0.65", pkg.productVersion());
        assertEquals("Microsoft Enterprise Desktop Virtualization", pkg.productName());
    }

    @Test
    void readsAPackageWhoseTablesLeaveTheMiniStream(@TempDir Path dir) throws IOException {
        var props = new LinkedHashMap<String, String>(TestMsi.medv("{11111111-2222-3333-4444-555555555555}", "2.5.1"));
        for (int i = 0; i < 1500; i++) props.put("P" + i, "value " + i); // Property table and pool above the 4 KiB cutoff
        Path msi = TestMsi.build(dir.resolve("big.msi"), props);
        assertTrue(Files.size(msi) > 20_000);
        assertEquals(TestMsi.msiinfoProperties(msi), MsiPackage.read(msi).properties());
    }

    @Test
    void somethingElseIsOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path fake = Files.writeString(dir.resolve("MED-V_1.0.65.msi"), "not a package");
        var e = assertThrows(BadInputException.class, () -> MsiPackage.read(fake));
        assertTrue(e.getMessage().startsWith(fake + " is not a readable MSI package"), e.getMessage());
    }
}
