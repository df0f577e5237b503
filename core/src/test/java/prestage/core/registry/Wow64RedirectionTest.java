package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class Wow64RedirectionTest {
    private static RegistryKeyPath key(String s) {
        return RegistryKeyPath.parse(s, w -> { });
    }

    private static List<String> locate(String k, RegistryView v, Bitness b) {
        return Wow64Redirection.locate(key(k), v, b).stream().map(RegistryKeyPath::shortForm).toList();
    }

    @Test
    void the32BitViewOfSoftwareOnX64IsWow6432Node() {
        assertEquals(List.of("HKLM\\SOFTWARE\\WOW6432Node\\Kidaro"), locate("HKLM\\SOFTWARE\\Kidaro", RegistryView.BITS_32, Bitness.X64));
        assertEquals(List.of("HKLM\\SOFTWARE\\WOW6432Node"), locate("HKLM\\SOFTWARE", RegistryView.BITS_32, Bitness.X64));
    }

    @Test
    void x86HasOneView() {
        assertEquals(List.of("HKLM\\SOFTWARE\\Kidaro"), locate("HKLM\\SOFTWARE\\Kidaro", RegistryView.BITS_32, Bitness.X86));
        assertEquals(List.of("HKLM\\SOFTWARE\\Kidaro"), locate("HKLM\\SOFTWARE\\Kidaro", RegistryView.BITS_64, Bitness.X86));
    }

    @Test
    void the64BitAndNativeViewsAreThePathItself() {
        assertEquals(List.of("HKLM\\SOFTWARE\\Kidaro"), locate("HKLM\\SOFTWARE\\Kidaro", RegistryView.BITS_64, Bitness.X64));
        assertEquals(List.of("HKLM\\SOFTWARE\\Kidaro"), locate("HKLM\\SOFTWARE\\Kidaro", RegistryView.NATIVE, Bitness.X64));
    }

    @Test
    void unknownBitnessWritesBothPlacesForThe32BitView() {
        assertEquals(List.of("HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "HKLM\\SOFTWARE\\Kidaro"),
                locate("HKLM\\SOFTWARE\\Kidaro", RegistryView.BITS_32, Bitness.UNKNOWN));
    }

    @Test
    void keysOutsideHklmSoftwareAndExplicitWowPathsAreNotRedirected() {
        assertEquals(List.of("HKCU\\Software\\X"), locate("HKCU\\Software\\X", RegistryView.BITS_32, Bitness.X64));
        assertEquals(List.of("HKLM\\SYSTEM\\X"), locate("HKLM\\SYSTEM\\X", RegistryView.BITS_32, Bitness.X64));
        assertEquals(List.of("HKLM\\SOFTWARE\\Wow6432Node\\X"), locate("HKLM\\SOFTWARE\\Wow6432Node\\X", RegistryView.BITS_32, Bitness.X64));
        assertEquals(List.of("HKLM\\SOFTWARE\\Classes\\X"), locate("HKLM\\SOFTWARE\\Classes\\X", RegistryView.BITS_32, Bitness.X64));
    }
}
