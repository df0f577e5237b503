package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.shell.Prestage.Result;
import prestage.smb.testing.LoopbackSmbd;

/**
 * The MED-V recipe, unchanged, against a machine on the network: `prestage run ... --target smb://... --credentials
 * FILE`, judged by Samba's own tools (smbcacls, smbclient allinfo, net rpc registry) and sha256sum -c on the folder
 * smbd serves; a second run reports only ok; bad credentials are one line and exit 2.
 */
@EnabledOnOs(OS.LINUX)
class RemoteClientCliTest extends SmbCliFixture {
    private static final Path RECIPE = Path.of("../scripts/medv-prestage.groovy").toAbsolutePath().normalize();

    @Test
    void theMedvRecipePrestagesASambaServedClientOverSmb() throws Exception {
        Path images = images(6, 5);
        Path creds = credentials();
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            smbd.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node"); // an x64 client
            String target = smbd.url(LoopbackSmbd.SHARE);

            Result run = prestage("run", RECIPE.toString(), "--target", target, "--credentials", creds.toString(), "-p", "source=" + images);
            assertEquals(0, run.exit(), run.out() + run.err());

            assertStoreChecksOut(smbd);
            String acl = smbd.smbcacls(LoopbackSmbd.SHARE, "MED-V Images/PrestagedImages", "--numeric");
            assertTrue(acl.contains("CONTROL:0x9404") && acl.contains("ACL:S-1-5-11:0/0x3/0x0012008d")
                    && acl.contains("ACL:S-1-5-18:0/0x3/0x001f01ff") && acl.contains("ACL:S-1-5-32-544:0/0x3/0x001f01ff"), acl);
            String file = smbd.smbcacls(LoopbackSmbd.SHARE, "MED-V Images/PrestagedImages/Win7.ckm", "--numeric");
            assertTrue(file.contains("ACL:S-1-5-11:0/0x10/0x0012008d") && file.contains("ACL:S-1-5-32-544:0/0x10/0x001f01ff"), file);
            String info = smbd.smbclient(LoopbackSmbd.SHARE, "allinfo \"MED-V Images\\PrestagedImages\\Win7.ckm\"");
            assertTrue(info.matches("(?s).*attributes: [A-Z]*R.*"), info);
            String value = smbd.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "PrestagedImagesPath");
            assertTrue(value.contains("C:\\MED-V Images\\PrestagedImages"), value);

            Result again = prestage("run", RECIPE.toString(), "--target", target, "--credentials", creds.toString(), "-p", "source=" + images, "--json");
            assertEquals(0, again.exit(), again.out() + again.err());
            assertEquals(0, again.json().at("/summary/changed").asInt(), again.out());

            Path wrong = dir.resolve("wrong");
            LoopbackSmbd.ownerOnly(Files.writeString(wrong, "username = root\npassword = not-it\n"));
            Result refused = prestage("store", "C:\\", "--target", target, "--credentials", wrong.toString());
            assertEquals(2, refused.exit(), refused.out() + refused.err());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
            assertTrue(refused.err().contains("127.0.0.1"), refused.err());
        }
    }
}
