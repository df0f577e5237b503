package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** icacls and cacls notations, and that every notation of the documented ACL yields the same descriptor. */
class NotationsTest {
    /** The seed's ACL in cacls' form, bullets and quotes taken out: what {@code acl show --format cacls} prints. */
    private static final String MEDV_LISTING = """
                NT AUTHORITY\\Authenticated Users:(OI)(CI)(special access:)
                    READ_CONTROL
                    SYNCHRONIZE
                    FILE_GENERIC_READ
                    FILE_READ_DATA
                    FILE_APPEND_DATA
                    FILE_READ_EA
                    FILE_READ_ATTRIBUTES
                NT AUTHORITY\\SYSTEM:(OI)(CI)F
                BUILTIN\\Administrators:(OI)(CI)F
                """;

    private static final String GRANT = "*S-1-5-11:(OI)(CI)(RD,AD,REA,RA,RC,S) *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F";

    @Test
    void seedListingParsesToTheDocumentedMask() {
        List<Ace> aces = CaclsListing.parse(Vectors.seedListing());
        assertEquals(Vectors.MEDV_ACES, aces);
        assertEquals(0x0012008D, aces.get(0).mask());
    }

    @Test
    void everyNotationGivesTheSameDescriptor() {
        byte[] expected = Vectors.MEDV_DACL_ONLY;
        for (String text : List.of(Vectors.MEDV_SDDL, GRANT, GRANT.replace(' ', ','), Vectors.seedListing(), "medv")) {
            AclSpec spec = text.equals("medv") ? AclArgument.parse(text) : AclArgument.parseText(text);
            assertEquals(Vectors.MEDV_ACES, spec.explicitAces(), text);
            SecurityDescriptor sd = SecurityDescriptor.ofDacl(Acl.of(spec.explicitAces()), true);
            assertArrayEquals(expected, SelfRelativeDescriptor.encode(sd), text);
        }
        assertEquals("cacls", AclArgument.parseText(Vectors.seedListing()).notation());
        assertEquals("icacls", AclArgument.parseText(GRANT).notation());
        assertEquals(true, AclArgument.parseText(Vectors.MEDV_SDDL).protect());
        assertEquals(null, AclArgument.parseText(GRANT).protect());
    }

    @Test
    void seedListingToleratesDocumentArtifacts() {
        assertEquals(Vectors.MEDV_ACES, CaclsListing.parse(MEDV_LISTING));
        String curly = "\u201CNT AUTHORITY\\\\Authenticated Users:(OI)(CI)(special access:)\u201D\r\n\u2022 READ_CONTROL\r\n"
                + "- SYNCHRONIZE\r\n\u2022\tFILE_READ_DATA\r\n* FILE_APPEND_DATA\r\nFILE_READ_EA\r\nFILE_READ_ATTRIBUTES\r\n";
        assertEquals(List.of(Vectors.MEDV_ACES.get(0)), CaclsListing.parse(curly));
        String withPath = "C:\\MED-V Images NT AUTHORITY\\SYSTEM:(OI)(CI)F\n               BUILTIN\\Administrators:(OI)(CI)F";
        assertEquals(Vectors.MEDV_ACES.subList(1, 3), CaclsListing.parse(withPath));
    }

    @Test
    void notationIsToldApartByItsLook() {
        assertEquals("cacls", AclArgument.parseText("D:\\Images NT AUTHORITY\\SYSTEM:(OI)(CI)F\n  BUILTIN\\Users:(OI)(CI)C").notation());
        assertEquals(0x1301BF, AclArgument.parseText("BUILTIN\\Users:(OI)(CI)C").explicitAces().get(0).mask());
        assertEquals(Ace.deny(Sid.parse("S-1-1-0"), 0x1F01FF, 0), AclArgument.parseText("Everyone:N").explicitAces().get(0));
        assertEquals("icacls", AclArgument.parseText("BUILTIN\\Users:(OI)(CI)R").notation());
        assertEquals(0x120089, AclArgument.parseText("BUILTIN\\Users:(OI)(CI)R").explicitAces().get(0).mask());
        assertEquals("sddl", AclArgument.parseText("  O:BAD:P(A;;FA;;;SY)").notation());
    }

    @Test
    void caclsFormatPrintsTheSeedsListing() {
        String listing = CaclsListing.format(Vectors.MEDV_ACES);
        assertEquals(MEDV_LISTING, listing);
        assertEquals(Vectors.MEDV_ACES, CaclsListing.parse(listing));
        var odd = List.of(Ace.deny(Vectors.AU, 0x1F01FF, 0x10), Ace.allow(Vectors.SY, 0x1200A9, 0), Ace.allow(Vectors.BA, 0x8200, 0x0B));
        assertEquals(odd, CaclsListing.parse(CaclsListing.format(odd)));
    }

    @Test
    void icaclsDisplayAndGrantForms() {
        Ace au = Vectors.MEDV_ACES.get(0);
        assertEquals("NT AUTHORITY\\Authenticated Users:(OI)(CI)(R,AD)", IcaclsNotation.display(au));
        assertEquals("*S-1-5-11:(OI)(CI)(RD,AD,REA,RA,RC,S)", IcaclsNotation.grant(au));
        assertEquals("BUILTIN\\Administrators:(OI)(CI)(F)", IcaclsNotation.display(Vectors.MEDV_ACES.get(2)));
        assertEquals("*S-1-5-32-544:(OI)(CI)F", IcaclsNotation.grant(Vectors.MEDV_ACES.get(2)));
        for (Ace ace : Vectors.MEDV_ACES) {
            assertEquals(List.of(ace), IcaclsNotation.parse(IcaclsNotation.display(ace)));
            assertEquals(List.of(ace), IcaclsNotation.parse(IcaclsNotation.grant(ace)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0x1301bf|M", "0x1200a9|RX", "0x120089|R", "0x100116|W", "0x110000|D", "0x1f01ff|F",
            "0x1301ff|M,DC", "0x1201bf|RX,W", "0x12008d|R,AD", "0x1|RD", "0x10000000|GA", "0x120000|RC,S"})
    void icaclsDisplayRights(String hex, String text) {
        int mask = Integer.parseUnsignedInt(hex.substring(2), 16);
        assertEquals(text, IcaclsNotation.displayRights(mask));
        assertEquals(mask, IcaclsNotation.parse("*S-1-5-18:(" + text + ")").get(0).mask());
    }

    @Test
    void icaclsDisplayListingWithPathInheritanceAndDeny() {
        String listing = """
                C:\\MED-V Images BUILTIN\\Users:(OI)(CI)(DENY)(W)
                                NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)
                                CREATOR OWNER:(I)(OI)(CI)(IO)(F)

                Successfully processed 1 files; Failed processing 0 files
                """;
        List<Ace> aces = IcaclsNotation.parse(listing);
        assertEquals(3, aces.size());
        assertEquals(Ace.deny(Sid.parse("S-1-5-32-545"), 0x100116, 0x03), aces.get(0));
        assertEquals(0x13, aces.get(1).flags());
        assertEquals(0x1B, aces.get(2).flags());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*S-1-5-11:(OI)(CI)(RD,XX)|unknown right 'XX'",
            "*S-1-5-11:(OI)(CI)Q|unknown right 'Q'",
            "*S-1-5-11:(OI)(CI)|grants no rights",
            "*S-1-5-11 (OI)(CI)F|has no ':'",
            "CONTOSO\\bob:(OI)(CI)F|unknown account 'CONTOSO\\bob'",
            "*S-1-5-11:(OI)(CI)(RD|no closing ')'",
            "*S-1-5-11:F!|followed by '!'",
            "*S-1-x:F|not a number"})
    void malformedIcaclsNamesTheToken(String text, String expected) {
        Vectors.assertRefused(() -> IcaclsNotation.parse(text), expected);
    }

    @Test
    void malformedCaclsNamesTheLine() {
        assertCacls("NT AUTHORITY\\SYSTEM:(OI)(CI)(special access:)\nREAD_CONTROLL\n", "line 2: 'READ_CONTROLL' is not a right name");
        assertCacls("READ_CONTROL\nNT AUTHORITY\\SYSTEM:(OI)(CI)F", "line 1: 'READ_CONTROL' is a right, but no principal line");
        assertCacls("NT AUTHORITY\\SYSTEM:(OI)(CI)(special access:)\nBUILTIN\\Users:R", "line 1: 'NT AUTHORITY\\SYSTEM:(OI)(CI)(special access:)' says (special access:) but no right lines follow");
        assertCacls("NT AUTHORITY\\SYSTEM:(OI)(XX)F", "line 1: unknown flag '(XX)'");
        assertCacls("NT AUTHORITY\\SYSTEM:(OI)(CI)Z\nREAD_CONTROL", "line 1: 'Z' is not a cacls right");
        assertCacls("Nobody Special:(OI)F\nREAD_CONTROL", "line 1: unknown account 'Nobody Special'");
    }

    private static void assertCacls(String text, String expected) {
        Vectors.assertRefused(() -> CaclsListing.parse(text), expected);
    }
}
