package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import prestage.core.BadInputException;

/** The exact bytes Windows stores for each type (UTF-16LE with NUL terminators, little-endian numbers). */
class ValueTextTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static RegValue parse(ValueType t, String text) {
        return ValueText.parse("v", t, text);
    }

    @Test
    void stringsAreUtf16leWithATerminatingNul() {
        assertArrayEquals(hex("43 00 3a 00 5c 00 00 00"), parse(ValueType.REG_SZ, "C:\\").data());
        assertArrayEquals(hex("00 00"), parse(ValueType.REG_SZ, "").data());
        assertArrayEquals(hex("25 00 41 00 25 00 00 00"), parse(ValueType.REG_EXPAND_SZ, "%A%").data());
        assertEquals(2, parse(ValueType.REG_EXPAND_SZ, "%A%").type());
        assertArrayEquals(hex("e9 00 3d d8 00 de 00 00"), parse(ValueType.REG_SZ, "é\uD83D\uDE00").data());
    }

    @Test
    void dwordsTakeDecimalAndHexAndAreLittleEndian() {
        assertArrayEquals(hex("0a 00 00 00"), parse(ValueType.REG_DWORD, "10").data());
        assertArrayEquals(hex("0a 00 00 00"), parse(ValueType.REG_DWORD, "0xA").data());
        assertArrayEquals(hex("78 56 34 12"), parse(ValueType.REG_DWORD, "0x12345678").data());
        assertArrayEquals(hex("ff ff ff ff"), parse(ValueType.REG_DWORD, "4294967295").data());
        assertEquals("0xffffffff", parse(ValueType.REG_DWORD, "4294967295").displayData());
    }

    @Test
    void aDwordOutOfRangeIsAClearError() {
        for (String bad : List.of("4294967296", "0x100000000", "-1", "ten", "0x", "1.5")) {
            var e = assertThrows(BadInputException.class, () -> parse(ValueType.REG_DWORD, bad), bad);
            assertTrue(e.getMessage().contains("REG_DWORD") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void qwordsCoverTheFullUnsignedRange() {
        assertArrayEquals(hex("88 77 66 55 44 33 22 11"), parse(ValueType.REG_QWORD, "0x1122334455667788").data());
        assertArrayEquals(hex("ff ff ff ff ff ff ff ff"), parse(ValueType.REG_QWORD, "18446744073709551615").data());
        assertThrows(BadInputException.class, () -> parse(ValueType.REG_QWORD, "18446744073709551616"));
    }

    @Test
    void multiStringsSplitOnBackslashZeroOrOnRealNuls() {
        byte[] expected = hex("61 00 00 00 62 00 63 00 00 00 00 00");
        assertArrayEquals(expected, parse(ValueType.REG_MULTI_SZ, "a\\0bc").data());
        assertArrayEquals(expected, parse(ValueType.REG_MULTI_SZ, "a\0bc").data());
        assertArrayEquals(expected, parse(ValueType.REG_MULTI_SZ, "a\\0bc\\0").data());
        assertArrayEquals(hex("00 00"), parse(ValueType.REG_MULTI_SZ, "").data());
        assertEquals(List.of("a", "bc"), parse(ValueType.REG_MULTI_SZ, "a\\0bc").strings());
        assertEquals("a\\0bc", parse(ValueType.REG_MULTI_SZ, "a\\0bc").displayData());
        assertThrows(BadInputException.class, () -> parse(ValueType.REG_MULTI_SZ, "a\\0\\0b"));
    }

    @Test
    void binaryTakesHexInCommonNotations() {
        byte[] expected = hex("01 ff 2a");
        for (String text : List.of("01ff2a", "01 ff 2a", "01,FF,2a", "hex:01,ff,2a", "01:ff:2a", "0x01ff2a")) {
            assertArrayEquals(expected, parse(ValueType.REG_BINARY, text).data(), text);
        }
        assertEquals("01FF2A", parse(ValueType.REG_BINARY, "01ff2a").displayData());
        assertThrows(BadInputException.class, () -> parse(ValueType.REG_BINARY, "1ff"));
        assertThrows(BadInputException.class, () -> parse(ValueType.REG_BINARY, "zz"));
    }

    @Test
    void typesByNameWithOrWithoutThePrefix() {
        assertEquals(ValueType.REG_SZ, ValueType.parseWritable(null));
        assertEquals(ValueType.REG_DWORD, ValueType.parseWritable("dword"));
        assertEquals(ValueType.REG_EXPAND_SZ, ValueType.parseWritable("REG_EXPAND_SZ"));
        var e = assertThrows(BadInputException.class, () -> ValueType.parseWritable("REG_FOO"));
        assertTrue(e.getMessage().contains("REG_FOO") && e.getMessage().contains("REG_QWORD"), e.getMessage());
        assertThrows(BadInputException.class, () -> ValueType.parseWritable("REG_LINK"));
    }

    @Test
    void aStringWithANulIsRefused() {
        assertThrows(BadInputException.class, () -> parse(ValueType.REG_SZ, "a\0b"));
    }
}
