package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.BadInputException;

class SmbAddressTest {
    @Test
    void uncFormsParse() {
        assertEquals(new SmbAddress("pc042", 445, "C$", null, null), SmbAddress.parse("\\\\pc042\\C$"));
        assertEquals(new SmbAddress("pc042.corp.example", 445, "C$", null, null), SmbAddress.parse("//pc042.corp.example/C$/"));
        assertEquals(new SmbAddress("10.0.0.7", 445, "D$", null, null), SmbAddress.parse(" \\\\10.0.0.7\\D$ "));
    }

    @Test
    void urlFormsParse() {
        assertEquals(new SmbAddress("pc042", 445, "C$", "admin", "CORP"), SmbAddress.parse("smb://CORP;admin@pc042/C$"));
        assertEquals(new SmbAddress("127.0.0.1", 44501, "share", "root", null), SmbAddress.parse("smb://root@127.0.0.1:44501/share"));
        assertEquals(new SmbAddress("pc042", 445, "C$", null, null), SmbAddress.parse("SMB://pc042/C$"));
        assertEquals(new SmbAddress("::1", 4455, "C$", "u", null), SmbAddress.parse("smb://u@[::1]:4455/C$"));
        assertEquals("\\\\127.0.0.1:44501\\share", SmbAddress.parse("smb://root@127.0.0.1:44501/share").unc());
    }

    @Test
    void badFormsAreOneLineErrorsNamingTheValue() {
        for (String bad : new String[] {"\\\\pc042", "\\\\pc042\\C$\\Windows", "smb://pc042", "smb://a@pc042:0/C$",
                "smb://a@pc042:99999/C$", "smb://a@pc042/C$/Windows", "\\\\pc_0 42\\C$", "\\\\pc042\\C*"}) {
            var e = assertThrows(BadInputException.class, () -> SmbAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.strip()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        var e = assertThrows(BadInputException.class, () -> SmbAddress.parse("smb://admin:secret@pc042/C$"));
        assertTrue(e.getMessage().contains("password does not belong"), e.getMessage());
    }

    @Test
    void looksLikeTellsSmbFromLocalPaths() {
        assertTrue(SmbAddress.looksLike("\\\\pc\\C$"));
        assertTrue(SmbAddress.looksLike("smb://pc/C$"));
        assertFalse(SmbAddress.looksLike("/mnt/c"));
        assertFalse(SmbAddress.looksLike("C:\\"));
    }

    @Test
    void credentialsFileInSmbclientFormat(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("creds");
        Files.writeString(f, "# for pc042\nusername = admin\npassword = two words \ndomain = CORP\n");
        var c = SmbCredentials.resolve(SmbAddress.parse("\\\\pc042\\C$"), f, Map.of());
        assertEquals("admin", c.user());
        assertEquals("CORP", c.domain());
        assertEquals("two words ", new String(c.password()));
        assertEquals("CORP\\admin", c.toString());
    }

    @Test
    void credentialsFileErrorsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("creds");
        Files.writeString(f, "username = admin\npasswd = x\n");
        var e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse("\\\\h\\C$"), f, Map.of()));
        assertTrue(e.getMessage().contains(f + " line 2"), e.getMessage());
        Files.writeString(f, "username = admin\n");
        e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse("\\\\h\\C$"), f, Map.of()));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse("\\\\h\\C$"), dir.resolve("none"), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Files.writeString(f, "username = bob\npassword = x\n");
        e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse("smb://alice@h/C$"), f, Map.of()));
        assertTrue(e.getMessage().contains("'alice'") && e.getMessage().contains("'bob'"), e.getMessage());
    }

    @Test
    void credentialsFromEnvironment() {
        var env = Map.of(SmbCredentials.USER_VARIABLE, "CORP\\admin", SmbCredentials.PASSWORD_VARIABLE, "pw");
        var c = SmbCredentials.resolve(SmbAddress.parse("\\\\pc042\\C$"), null, env);
        assertEquals("admin", c.user());
        assertEquals("CORP", c.domain());
        var c2 = SmbCredentials.resolve(SmbAddress.parse("smb://root@h/C$"), null, Map.of(SmbCredentials.PASSWORD_VARIABLE, "pw"));
        assertEquals("root", c2.user());
        assertNull(c2.domain());
        var e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse("\\\\pc042\\C$"), null, Map.of()));
        assertTrue(e.getMessage().contains("--credentials") && e.getMessage().contains(SmbCredentials.USER_VARIABLE), e.getMessage());
        e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse("smb://root@h/C$"), null, Map.of()));
        assertTrue(e.getMessage().contains(SmbCredentials.PASSWORD_VARIABLE), e.getMessage());
    }

    @Test
    void aTicketCacheWithoutPasswordIsOneLineSayingKerberosIsNotUsed(@TempDir Path dir) throws IOException {
        Path cache = Files.writeString(dir.resolve("krb5cc_test"), "");
        var env = Map.of("KRB5CCNAME", "FILE:" + cache);
        for (String target : List.of("\\\\pc042\\C$", "smb://CORP;admin@pc042/C$")) {
            var e = assertThrows(BadInputException.class, () -> SmbCredentials.resolve(SmbAddress.parse(target), null, env), target);
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.contains("pc042") && m.contains("Kerberos") && m.contains("FILE:" + cache) && m.contains("--credentials"), m);
        }
        // a password given wins over the cache: no Kerberos involved
        var c = SmbCredentials.resolve(SmbAddress.parse("smb://admin@pc042/C$"), null,
                Map.of("KRB5CCNAME", "FILE:" + cache, SmbCredentials.PASSWORD_VARIABLE, "pw"));
        assertEquals("admin", c.user());
    }
}
