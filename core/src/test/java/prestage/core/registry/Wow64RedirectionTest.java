package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Wow64RedirectionTest {
    /** Where a key of one view lands on a machine of one bitness: the keys written, in order, joined by {@code |}. */
    @ParameterizedTest(name = "{3}: {0} in view {1} on {2}")
    @CsvSource(delimiter = ';', textBlock = """
            HKLM\\SOFTWARE\\Kidaro;            BITS_32; X64;     the 32-bit view of SOFTWARE on x64 is WOW6432Node; HKLM\\SOFTWARE\\WOW6432Node\\Kidaro
            HKLM\\SOFTWARE;                    BITS_32; X64;     SOFTWARE itself too;                                HKLM\\SOFTWARE\\WOW6432Node
            HKLM\\SOFTWARE\\Kidaro;            BITS_32; X86;     x86 has one view;                                   HKLM\\SOFTWARE\\Kidaro
            HKLM\\SOFTWARE\\Kidaro;            BITS_64; X86;     x86 has one view;                                   HKLM\\SOFTWARE\\Kidaro
            HKLM\\SOFTWARE\\Kidaro;            BITS_64; X64;     the 64-bit view is the path itself;                 HKLM\\SOFTWARE\\Kidaro
            HKLM\\SOFTWARE\\Kidaro;            NATIVE;  X64;     the native view is the path itself;                 HKLM\\SOFTWARE\\Kidaro
            HKLM\\SOFTWARE\\Kidaro;            BITS_32; UNKNOWN; unknown bitness writes both places;                 HKLM\\SOFTWARE\\WOW6432Node\\Kidaro|HKLM\\SOFTWARE\\Kidaro
            HKCU\\Software\\X;                 BITS_32; X64;     keys outside HKLM\\SOFTWARE are not redirected;     HKCU\\Software\\X
            HKLM\\SYSTEM\\X;                   BITS_32; X64;     keys outside HKLM\\SOFTWARE are not redirected;     HKLM\\SYSTEM\\X
            HKLM\\SOFTWARE\\Wow6432Node\\X;    BITS_32; X64;     an explicit WOW path is not redirected again;       HKLM\\SOFTWARE\\Wow6432Node\\X
            HKLM\\SOFTWARE\\Classes\\X;        BITS_32; X64;     SOFTWARE\\Classes is shared;                        HKLM\\SOFTWARE\\Classes\\X
            """)
    void locate(String key, RegistryView view, Bitness bitness, String why, String expected) {
        var located = Wow64Redirection.locate(RegistryKeyPath.parse(key, w -> { }), view, bitness);
        assertEquals(List.of(expected.split("\\|")), located.stream().map(RegistryKeyPath::shortForm).toList(), why);
    }
}
