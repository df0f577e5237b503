package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SddlTest {

    @Test
    void documentedSddlIsTheDocumentedDescriptor() {
        SecurityDescriptor sd = Sddl.parse(Vectors.MEDV_SDDL);
        assertEquals(SelfRelativeDescriptor.decode(Vectors.MEDV_DACL_ONLY), sd);
        assertEquals(Vectors.MEDV_SDDL, Sddl.format(sd));
    }

    @Test
    void sambaSpellingMeansTheSameAces() {
        SecurityDescriptor samba = Sddl.parse("D:PARAI(A;OICI;0x0012008d;;;AU)(A;OICI;0x001f01ff;;;SY)(A;OICI;0x001f01ff;;;BA)");
        assertEquals(Vectors.MEDV_ACES, samba.dacl().aces());
        assertTrue(samba.has(ControlFlag.DACL_AUTO_INHERIT_REQ));
        assertEquals("D:PARAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)", Sddl.format(samba));
    }

    @Test
    void ownerGroupAndSacl() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:P(A;;FA;;;SY)S:(AU;SAFA;FA;;;WD)");
        assertEquals(Vectors.BA, sd.owner());
        assertEquals(Vectors.SY, sd.group());
        assertEquals(AceType.SYSTEM_AUDIT, sd.sacl().aces().get(0).type());
        assertEquals(0xC0, sd.sacl().aces().get(0).flags());
        assertEquals("O:BAG:SYD:P(A;;FA;;;SY)S:(AU;SAFA;FA;;;WD)", Sddl.format(sd));
        SecurityDescriptor spaced = Sddl.parse("O:BA G:SY\n D:P (A; ;FA;;;SY)\n S:(AU;SAFA;FA;;;WD)");
        assertEquals(sd, spaced);
    }

    @ParameterizedTest
    @CsvSource({
            "FA, 0x1f01ff", "FR, 0x120089", "FW, 0x120116", "FX, 0x1200a0", "GA, 0x10000000", "GRGX, 0xa0000000",
            "SDRCWDWO, 0xf0000", "CCLCSWLO, 0x8d", "0x12008D, 0x12008d", "1179789, 0x12008d", "KA, 0xf003f"})
    void rightsAliases(String rights, String hex) {
        Ace ace = Sddl.parse("D:(A;;" + rights + ";;;SY)").dacl().aces().get(0);
        assertEquals(Integer.parseUnsignedInt(hex.substring(2), 16), ace.mask());
    }

    @Test
    void formattingUsesAliasesOnlyWhenExact() {
        assertEquals("FA", Sddl.rights(0x1F01FF));
        assertEquals("FR", Sddl.rights(0x120089));
        assertEquals("0x12008d", Sddl.rights(0x12008D)); // SYNCHRONIZE has no two-letter alias
        assertEquals("CCLC", Sddl.rights(0x5));
        assertEquals("GA", Sddl.rights(0x10000000));
    }

    @Test
    void nullAndEmptyDacls() {
        assertTrue(Sddl.parse("D:NO_ACCESS_CONTROL").hasNullDacl());
        SecurityDescriptor empty = Sddl.parse("D:P");
        assertEquals(List.of(), empty.dacl().aces());
        assertEquals("D:NO_ACCESS_CONTROL", Sddl.format(Sddl.parse("D:NO_ACCESS_CONTROL")));
        assertNull(Sddl.parse("O:SY").dacl());
    }

    @Test
    void unknownSidsAndObjectAces() {
        String text = "D:(OA;CI;CR;bf967aba-0de6-11d0-a285-00aa003049e2;;S-1-5-21-1-2-3-1001)(A;OICIIOID;GA;;;CO)";
        SecurityDescriptor sd = Sddl.parse(text);
        assertEquals(text, Sddl.format(sd));
        assertEquals(Acl.REVISION_DS, sd.dacl().revision());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "D:PAI(A;OICI;QQ;;;AU)|unknown right 'QQ'",
            "D:PAI(A;OICI;FA;;;XX)|'XX' is not a SID alias",
            "D:PAI(A;OICI;FA;;AU)|has 5 fields",
            "D:PAI(Z;OICI;FA;;;AU)|unknown ACE type 'Z'",
            "D:PAI(A;OJ;FA;;;AU)|unknown ACE flag 'OJ'",
            "D:PAI(A;OICI;FA;;;AU|no closing ')'",
            "D:PXI(A;OICI;FA;;;AU)|unknown ACL flag",
            "X:PAI|expected O:, G:, D: or S:",
            "D:P(A;;FA;;;SY)D:(A;;FA;;;BA)|appears twice",
            "D:(A;;0x1FFFFFFFF;;;SY)|not a 32-bit hex mask",
            "D:(A;;;;;SY)|no rights",
            "D:(AU;SA;FA;;;SY)|belongs in the SACL",
            "S:(A;;FA;;;SY)|belongs in the DACL",
            "D:(XA;;FA;;;SY;(@User.x==1))|7 fields",
            "D:(A;;FA;not-a-guid;;SY)|not a GUID",
            "D:(A;;FA;;;S-1-5-x)|not a number",
            "D:NO_ACCESS_CONTROL(A;;FA;;;SY)|cannot also list ACEs",
            "O:|missing SID"})
    void malformedSddlNamesTheToken(String text, String expected) {
        Vectors.assertRefused(() -> Sddl.parse(text), expected);
    }
}
