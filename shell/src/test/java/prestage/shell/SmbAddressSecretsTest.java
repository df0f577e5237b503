package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.smb.testing.LoopbackSmbd;

/**
 * A password written into an SMB address is refused and never shown: not on stderr, not in --json, not in a fleet's
 * recap or --results file (the console's history: TerminalOverSmbTest). A credentials file others can read is refused.
 * {@code //HOST/C$}, as smbclient and mount.cifs users write it, is an SMB target, not a local folder.
 */
@EnabledOnOs(OS.LINUX)
class SmbAddressSecretsTest {
    private static final String SECRET = "Secr3t-Pa55";

    @TempDir
    Path dir;

    @Test
    void aPasswordInAnSmbAddressIsRefusedAndNeverShown() throws Exception {
        for (String target : List.of("smb://CORP;admin:" + SECRET + "@pc042/C$", "smb://admin%" + SECRET + "@pc042/C$", "smb://admin:" + SECRET + "@pc042:4450/C$")) {
            for (boolean json : new boolean[] {false, true}) {
                var r = json ? prestage("store", "C:\\", "--target", target, "--json") : prestage("store", "C:\\", "--target", target);
                String all = r.out() + r.err();
                assertEquals(2, r.exit(), all);
                assertFalse(all.contains(SECRET), "the password is shown: " + all);
                assertTrue(all.contains("***@pc042"), "the address is shown masked: " + all);
                assertTrue(all.contains("a password does not belong in the address"), all);
            }
        }
    }

    @Test
    void aFleetWithAPasswordInAnAddressKeepsItOutOfTheRecapJsonAndResults() throws Exception {
        Path recipe = Files.writeString(dir.resolve("layout.groovy"), "store 'C:\\\\'\n");
        Path good = Files.createDirectories(dir.resolve("pc1"));
        Path results = dir.resolve("results.json");
        String leaky = "smb://admin:" + SECRET + "@pc042/C$";
        var human = prestage("run", recipe.toString(), "--target", good.toString(), "--target", leaky, "--results", results.toString());
        var json = prestage("run", recipe.toString(), "--target", good.toString(), "--target", leaky, "--json");
        for (var r : List.of(human, json)) {
            // refused before any client (2), or that client unreachable (1): masked either way
            assertTrue(r.exit() == 1 || r.exit() == 2, r.out() + r.err());
            assertFalse((r.out() + r.err()).contains(SECRET), "the password is shown: " + r.out() + r.err());
            UserMessages.assertNoInternals("fleet output", r.err());
        }
        assertTrue(human.out().contains("***@pc042") || human.err().contains("***@pc042"), human.out() + human.err());
        if (Files.exists(results)) {
            String kept = Files.readString(results);
            assertFalse(kept.contains(SECRET), "the results file keeps the password: " + kept);
            assertTrue(kept.contains("***@pc042"), kept);
        }
    }

    @Test
    void aDoubleSlashAddressIsSmbNotALocalFolder() throws Exception {
        Path creds = LoopbackSmbd.credentialsFile(dir.resolve("creds"));
        // nothing listens on 127.0.0.1:445 in this namespace (test servers use free ports or namespaces of their own)
        var r = prestage("store", "C:\\", "--target", "//127.0.0.1/C$", "--credentials", creds.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertFalse(r.err().contains("no such folder"), r.err());
        assertTrue(r.err().contains("127.0.0.1") && r.err().contains("SMB"), r.err());
        assertFalse(Files.exists(Path.of("//127.0.0.1/C$")));
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefusedBeforeAnyConnection() throws Exception {
        Path creds = Files.writeString(dir.resolve("creds"), "username = admin\npassword = " + SECRET + "\n");
        Files.setPosixFilePermissions(creds, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        for (boolean json : new boolean[] {false, true}) {
            var r = json ? prestage("store", "C:\\", "--target", "\\\\127.0.0.1\\C$", "--credentials", creds.toString(), "--json")
                    : prestage("store", "C:\\", "--target", "\\\\127.0.0.1\\C$", "--credentials", creds.toString());
            assertEquals(2, r.exit(), r.out() + r.err());
            String error = json ? r.json().path("error").asText() : r.err();
            assertTrue(error.contains("chmod 600 " + creds), r.out() + r.err());
            assertFalse((r.out() + r.err()).contains(SECRET));
        }
    }
}
