package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.BadInputException;
import prestage.core.client.Logon;
import prestage.core.client.Logon.Auth;

/**
 * How the logon is chosen before any network traffic ({@link SmbLogon#resolve}): NTLM or Kerberos, and the one-line
 * refusals that need no KDC. The logons themselves are tested against a real AD DC (shell's KerberosCliTest).
 */
class SmbLogonTest {
    private static final SmbAddress HOST = SmbAddress.parse("\\\\pc042.corp.example\\C$");

    @TempDir
    Path dir;

    @Test
    void autoTakesNtlmWhenAPasswordIsGivenEvenWithATicketCache() throws Exception {
        Path creds = Files.writeString(dir.resolve("creds"), "username = admin\npassword = pw\ndomain = CORP\n");
        var logon = SmbLogon.resolve(HOST, new Logon(null, creds.toString(), null, null), Map.of("KRB5CCNAME", "FILE:" + dir.resolve("cc")));
        assertInstanceOf(SmbLogon.Ntlm.class, logon);
        assertEquals("CORP\\admin", logon.who());
    }

    @Test
    void autoTakesKerberosWhenOnlyATicketCacheIsThere() {
        var e = assertThrows(BadInputException.class,
                () -> SmbLogon.resolve(HOST, Logon.NONE, Map.of("KRB5CCNAME", "FILE:" + dir.resolve("none.cc"))));
        assertTrue(e.getMessage().contains("ticket cache " + dir.resolve("none.cc") + " does not exist; run kinit"), e.getMessage());
    }

    @Test
    void aCacheJavaCannotReadIsRefusedWithTheCommandThatMakesOne() {
        var e = assertThrows(BadInputException.class,
                () -> SmbLogon.resolve(HOST, new Logon(Auth.KERBEROS, null, null, null), Map.of("KRB5CCNAME", "KEYRING:persistent:0")));
        assertTrue(e.getMessage().contains("Java reads only file caches") && e.getMessage().contains("kinit -c FILE:"), e.getMessage());
    }

    @Test
    void aKeytabIsCheckedBeforeAnyTraffic() throws Exception {
        var missing = assertThrows(BadInputException.class,
                () -> SmbLogon.resolve(HOST, new Logon(null, null, dir.resolve("no.keytab").toString(), "a@CORP.EXAMPLE"), Map.of()));
        assertTrue(missing.getMessage().startsWith("--keytab " + dir.resolve("no.keytab") + " does not exist"), missing.getMessage());
        Path keytab = Files.write(dir.resolve("k.keytab"), new byte[] {5, 2});
        var noPrincipal = assertThrows(BadInputException.class,
                () -> SmbLogon.resolve(HOST, new Logon(null, null, keytab.toString(), null), Map.of()));
        assertTrue(noPrincipal.getMessage().contains("needs --principal NAME") && noPrincipal.getMessage().contains("klist -k"), noPrincipal.getMessage());
        var withNtlm = assertThrows(BadInputException.class,
                () -> SmbLogon.resolve(HOST, new Logon(Auth.NTLM, null, keytab.toString(), null), Map.of()));
        assertTrue(withNtlm.getMessage().contains("--keytab is for Kerberos"), withNtlm.getMessage());
    }

    @Test
    void noTicketAndNoPasswordSaysBothWays() {
        var e = assertThrows(BadInputException.class, () -> SmbLogon.resolve(HOST, new Logon(Auth.KERBEROS, null, null, null), Map.of()));
        assertTrue(e.getMessage().contains("run kinit") && e.getMessage().contains("--keytab FILE --principal NAME"), e.getMessage());
    }

    @Test
    void aCredentialsFilesDnsDomainIsTheRealm() {
        assertEquals("admin@CORP.EXAMPLE", new SmbCredentials("admin", "corp.example", new char[0]).principal());
        assertEquals("admin", new SmbCredentials("admin", "CORP", new char[0]).principal());
        assertEquals("admin@LAB.TEST", new SmbCredentials("admin@LAB.TEST", "CORP", new char[0]).principal());
    }

    @Test
    void aBadAuthValueNamesTheChoices() {
        var e = assertThrows(BadInputException.class, () -> Auth.parse("kerb", "--auth"));
        assertEquals("--auth 'kerb': expected kerberos, ntlm or auto", e.getMessage());
    }
}
