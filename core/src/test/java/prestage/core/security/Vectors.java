package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.function.Executable;

/** Test vectors from docs/formats.md section 1 and the seed documentation. */
public final class Vectors {
    public static final String MEDV_SDDL = "D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

    /** DACL-only, control 0x9404, 92 bytes. */
    public static final byte[] MEDV_DACL_ONLY = HexFormat.of().parseHex(
            "01000494000000000000000000000000140000000200480003000000000314008d00120001010000000000050b00000000031400"
                    + "ff011f0001010000000000051200000000031800ff011f0001020000000000052000000020020000");

    /** Owner BA and group SY before the DACL, 120 bytes. */
    public static final byte[] MEDV_WITH_OWNER = HexFormat.of().parseHex(
            "0100049414000000240000000000000030000000010200000000000520000000200200000101000000000005120000000200480003"
                    + "000000000314008d00120001010000000000050b00000000031400ff011f0001010000000000051200000000031800ff011f00"
                    + "01020000000000052000000020020000");

    public static final Sid AU = Sid.parse("S-1-5-11");
    public static final Sid SY = Sid.parse("S-1-5-18");
    public static final Sid BA = Sid.parse("S-1-5-32-544");
    public static final int OICI = 0x03;

    /** The three ACEs of the documented ACL. */
    public static final List<Ace> MEDV_ACES = List.of(
            Ace.allow(AU, 0x0012_008D, OICI), Ace.allow(SY, 0x001F_01FF, OICI), Ace.allow(BA, 0x001F_01FF, OICI));

    private Vectors() {
    }

    /**
     * {@code parse} refuses its text with a SecurityFormatException whose message names the bad token ({@code expected})
     * on one line.
     */
    public static void assertRefused(Executable parse, String expected) {
        var e = assertThrows(SecurityFormatException.class, parse);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /** The listing exactly as the seed documentation prints it under step 3 (bullets, doubled backslash). */
    public static String seedListing() {
        try (InputStream in = Vectors.class.getResourceAsStream("seed-medv-acl.txt")) {
            if (in == null) throw new IllegalStateException("test resource seed-medv-acl.txt is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
