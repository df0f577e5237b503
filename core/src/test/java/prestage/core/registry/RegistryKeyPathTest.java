package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import prestage.core.BadInputException;

class RegistryKeyPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"HKLM\\SOFTWARE\\Kidaro", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro", "hklm\\SOFTWARE\\Kidaro",
            "HKLM:\\SOFTWARE\\Kidaro", "Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro",
            "Microsoft.PowerShell.Core\\Registry::HKLM\\SOFTWARE\\Kidaro", "  HKLM\\SOFTWARE\\Kidaro\\ ",
            "HKLM\\\\SOFTWARE\\\\Kidaro"})
    void everyCommonSpellingOfTheRootIsHklm(String text) {
        var warnings = new ArrayList<String>();
        RegistryKeyPath k = RegistryKeyPath.parse(text, warnings::add);
        assertEquals(RootKey.HKEY_LOCAL_MACHINE, k.root());
        assertEquals(List.of("SOFTWARE", "Kidaro"), k.names());
        assertEquals("HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro", k.toString());
        assertEquals("HKLM\\SOFTWARE\\Kidaro", k.shortForm());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theDocumentationsTypoIsAcceptedWithAWarning() {
        var warnings = new ArrayList<String>();
        RegistryKeyPath k = RegistryKeyPath.parse("KEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro", warnings::add);
        assertEquals(RootKey.HKEY_LOCAL_MACHINE, k.root());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("KEY_LOCAL_MACHINE") && warnings.get(0).contains("HKEY_LOCAL_MACHINE"), warnings.get(0));
    }

    @Test
    void otherRootsByShortAndLongName() {
        assertEquals(RootKey.HKEY_CURRENT_USER, RegistryKeyPath.parse("HKCU\\Software", w -> { }).root());
        assertEquals(RootKey.HKEY_USERS, RegistryKeyPath.parse("HKEY_USERS\\.DEFAULT", w -> { }).root());
        assertEquals(RootKey.HKEY_CLASSES_ROOT, RegistryKeyPath.parse("HKCR", w -> { }).root());
        assertEquals(RootKey.HKEY_CURRENT_CONFIG, RegistryKeyPath.parse("hkcc:", w -> { }).root());
    }

    @Test
    void anUnknownRootIsAClearError() {
        var e = assertThrows(BadInputException.class, () -> RegistryKeyPath.parse("HKXX\\SOFTWARE\\Kidaro", w -> { }));
        assertTrue(e.getMessage().contains("'HKXX'") && e.getMessage().contains("HKLM"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void namesCompareWithoutCaseButKeepTheirCase() {
        RegistryKeyPath a = RegistryKeyPath.parse("HKLM\\SOFTWARE\\Kidaro", w -> { });
        RegistryKeyPath b = RegistryKeyPath.parse("hkey_local_machine\\software\\KIDARO", w -> { });
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("HKEY_LOCAL_MACHINE\\software\\KIDARO", b.toString());
        assertNotEquals(a, RegistryKeyPath.parse("HKCU\\SOFTWARE\\Kidaro", w -> { }));
        assertTrue(a.startsWith(RegistryKeyPath.parse("HKLM\\software", w -> { })));
        assertEquals(List.of("Kidaro"), a.namesBelow(RegistryKeyPath.parse("HKLM\\software", w -> { })));
    }

    @Test
    void forwardSlashesArePartOfAName() {
        RegistryKeyPath k = RegistryKeyPath.parse("HKCU\\Software\\https://example.org", w -> { });
        assertEquals(List.of("Software", "https://example.org"), k.names());
    }

    @Test
    void badNamesAreRefused() {
        assertThrows(BadInputException.class, () -> RegistryKeyPath.parse("", w -> { }));
        assertThrows(BadInputException.class, () -> RegistryKeyPath.parse("HKLM\\SOFT\tWARE", w -> { }));
        assertThrows(BadInputException.class, () -> RegistryKeyPath.parse("HKLM\\" + "x".repeat(256), w -> { }));
    }
}
