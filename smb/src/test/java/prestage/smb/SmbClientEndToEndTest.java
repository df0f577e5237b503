package prestage.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.client.Client;
import prestage.core.client.ClientSettings;
import prestage.core.client.Logon;
import prestage.core.client.open.Clients;
import prestage.core.images.PushOptions;
import prestage.core.images.PushVerb;
import prestage.core.images.VerifyVerb;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.verb.registry.RegistryVerb;
import prestage.core.verb.acl.AclVerb;
import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.verb.store.StoreRequest;
import prestage.core.verb.store.StoreVerb;
import prestage.core.testing.Smbd;
import prestage.smb.testing.LoopbackSmbd;
import prestage.smb.testing.SampleImages;

/**
 * The MED-V procedure over SMB, verb by verb, against a Samba-served client: store, both ACLs, push, verify with
 * read-only marks, the registry value in the 32-bit view. Judged by smbcacls, smbclient allinfo, sha256sum -c on the
 * served folder and net rpc registry; a second run reports only ok.
 */
class SmbClientEndToEndTest {
    private static final String PRESTAGED = "C:\\MED-V Images\\PrestagedImages";
    private static final List<String> MEDV_ACES = List.of(
            "S-1-5-11:0/0x3/0x0012008d", "S-1-5-18:0/0x3/0x001f01ff", "S-1-5-32-544:0/0x3/0x001f01ff");
    private static final List<String> INHERITED_FILE_ACES = List.of(
            "S-1-5-11:0/0x10/0x0012008d", "S-1-5-18:0/0x10/0x001f01ff", "S-1-5-32-544:0/0x10/0x001f01ff");

    private static List<Step> procedure(Client client, Path source) {
        var ctx = new Context(client, new Outcome(false), Progress.NONE);
        var steps = new ArrayList<Step>();
        steps.add(new StoreVerb(ctx, Profile.MEDV).store(new StoreRequest("C:\\")).step());
        steps.add(new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)));
        steps.add(new AclVerb(ctx).apply(new AclApplyRequest(PRESTAGED, "medv", true)));
        steps.add(new PushVerb(ctx).push(new PushRequest(List.of(source.toString()), PRESTAGED, PushOptions.DEFAULTS)));
        steps.add(new VerifyVerb(ctx).verify(new VerifyRequest(PRESTAGED, true)));
        steps.add(new RegistryVerb(ctx).set(new RegistrySetRequest("HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", PRESTAGED, null, 32)));
        return steps;
    }

    @Test
    void medvProcedureOverSmbJudgedBySambaTools(@TempDir Path dir) throws IOException {
        Path source = SampleImages.random(dir.resolve("images/Win7.ckm"), 24, 42).getParent();
        Files.writeString(source.resolve("Win7.ckm.index"), "index of Win7\n");
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            smbd.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node"); // play an x64 client
            Path creds = LoopbackSmbd.credentialsFile(dir.resolve("creds"));

            try (Client client = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null)))) {
                assertInstanceOf(SmbClient.class, client);
                for (Step s : procedure(client, source)) assertEquals(Status.CHANGED, s.status(), s.toString());
            }

            for (String folder : List.of("MED-V Images", "MED-V Images/PrestagedImages")) {
                var acl = smbcacls(smbd, folder);
                assertTrue(acl.contains("CONTROL:0x9404"), folder + ":\n" + acl);
                assertEquals(MEDV_ACES, aces(acl), folder);
            }
            for (String file : List.of("Win7.ckm", "Win7.ckm.index")) {
                assertEquals(INHERITED_FILE_ACES, aces(smbcacls(smbd, "MED-V Images/PrestagedImages/" + file)), file);
                String allinfo = smbd.smbclient(LoopbackSmbd.SHARE, "allinfo \"MED-V Images/PrestagedImages/" + file + "\"");
                assertTrue(allinfo.lines().anyMatch(l -> l.startsWith("attributes:") && l.substring(11).strip().split(" ")[0].contains("R")), allinfo);
            }
            Path served = smbd.shareDir().resolve("MED-V Images/PrestagedImages");
            var sums = Smbd.exec(List.of("sh", "-c", "cd '" + served + "' && sha256sum -c SHA256SUMS"), null);
            assertEquals(0, sums.exitCode(), sums.stdout() + sums.stderr());
            String value = smbd.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "PrestagedImagesPath");
            assertTrue(value.contains("\"" + PRESTAGED + "\""), value);

            try (Client again = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, ClientSettings.DEFAULTS.withLogon(new Logon(null, creds.toString(), null, null)))) {
                for (Step s : procedure(again, source)) assertEquals(Status.OK, s.status(), "second run: " + s);
                assertTrue(again.commands().isEmpty(), "SMB runs no command (yet): msi --run is refused before anything runs");
                assertThrows(BadInputException.class, () -> again.path("\\\\other\\C$\\x"));
            }
        }
    }

    private static String smbcacls(LoopbackSmbd smbd, String path) throws IOException {
        return smbd.smbcacls(LoopbackSmbd.SHARE, path, "--numeric");
    }

    private static List<String> aces(String smbcacls) {
        return smbcacls.lines().filter(l -> l.startsWith("ACL:")).map(l -> l.substring(4).strip()).toList();
    }
}
