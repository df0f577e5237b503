package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SidTest {

    @Test
    void parsesAndFormatsStringForm() {
        Sid sid = Sid.parse("S-1-5-21-3141592653-589793238-462643383-10000");
        assertEquals(5, sid.authority());
        assertEquals(5, sid.subAuthorityCount());
        assertEquals(3141592653L, sid.subAuthority(1));
        assertEquals(10000, sid.rid());
        assertEquals("S-1-5-21-3141592653-589793238-462643383-10000", sid.toString());
    }

    @Test
    void binaryFormHasBigEndianAuthorityAndLittleEndianSubAuthorities() {
        Sid ba = Sid.parse("S-1-5-32-544");
        assertArrayEquals(HexFormat.of().parseHex("01020000000000052000000020020000"), ba.toBytes());
        assertEquals(ba, Sid.fromBytes(ba.toBytes()));
        assertEquals(16, ba.byteLength());
    }

    @Test
    void largeAuthorityIsWrittenInHex() {
        Sid sid = Sid.of(0x1234_5678_9ABCL, 1);
        assertEquals("S-1-0x123456789ABC-1", sid.toString());
        assertEquals(sid, Sid.parse(sid.toString()));
        assertEquals(sid, Sid.fromBytes(sid.toBytes()));
    }

    @Test
    void wellKnownNamesResolveBySid() {
        assertEquals("NT AUTHORITY\\Authenticated Users", Principals.displayName(Sid.parse("S-1-5-11")));
        assertEquals(Sid.parse("S-1-5-18"), Principals.resolve("NT AUTHORITY\\SYSTEM"));
        assertEquals(Sid.parse("S-1-5-18"), Principals.resolve("system"));
        assertEquals(Sid.parse("S-1-5-11"), Principals.resolve("NT AUTHORITY\\\\Authenticated Users"));
        assertEquals(Sid.parse("S-1-5-32-544"), Principals.resolve("\u201CBUILTIN\\Administrators\u201D"));
        assertEquals(Sid.parse("S-1-5-32-544"), Principals.resolve("*S-1-5-32-544"));
        assertEquals(Sid.parse("S-1-3-0"), Principals.resolve("CREATOR OWNER"));
        assertEquals("S-1-5-21-1-2-3-1001", Principals.displayName(Sid.parse("S-1-5-21-1-2-3-1001")));
    }

    @Test
    void localizedOrDomainNamesAreRefusedWithAdvice() {
        var e = assertThrows(SecurityFormatException.class, () -> Principals.resolve("VORDEFINIERT\\Administratoren"));
        assertTrue(e.getMessage().contains("give its SID"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "S-1", "S-2-5-18", "S-1-5-x", "S-1--5", "X-1-5-18", "S-1-5-4294967296",
            "S-1-281474976710656-1", "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", "S-1-0x-1"})
    void malformedSidsFailClearly(String text) {
        var e = assertThrows(SecurityFormatException.class, () -> Sid.parse(text));
        assertTrue(e.getMessage().contains("SID") || e.getMessage().contains("sub-authorit"), e.getMessage());
    }

    @Test
    void truncatedBinarySidFails() {
        byte[] bytes = HexFormat.of().parseHex("0102000000000005200000002002");
        var e = assertThrows(SecurityFormatException.class, () -> Sid.fromBytes(bytes));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
