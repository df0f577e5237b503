package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.smb.testing.LoopbackSmbd;

/**
 * What SMB lets prestage see of a link on the server (docs/safety.md): Samba resolves a symlink itself and serves
 * what it points at; one that leads out of the share (wide links = no, its default) it refuses to open. So a link in
 * the last name of a store path pointing outside the share writes nothing outside it: the run fails in one line,
 * with no internals, and the folder outside is untouched.
 */
@EnabledOnOs(OS.LINUX)
class ServerSideLinksOverSmbTest extends SmbCliFixture {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @Test
    void aServerSideLinkOutOfTheShareIsNotFollowed() throws Exception {
        Path images = images(1, 41);
        Path creds = credentials();
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            Path outside = Files.createDirectories(dir.resolve("outside"));
            Files.createDirectories(smbd.shareDir().resolve("MED-V Images"));
            Files.createSymbolicLink(smbd.shareDir().resolve("MED-V Images").resolve("PrestagedImages"), outside);
            for (String[] verb : new String[][] {{"push", images.toString(), "--to", STORE}, {"acl", "apply", STORE, "medv"},
                    {"verify", STORE, "--read-only"}}) {
                var args = new java.util.ArrayList<>(List.of(verb));
                args.addAll(List.of("--target", smbd.url(LoopbackSmbd.SHARE), "--credentials", creds.toString()));
                var r = prestage(args.toArray(String[]::new));
                assertTrue(r.exit() == 1 || r.exit() == 2, String.join(" ", verb) + ": " + r.out() + r.err());
                UserMessages.assertNoInternals(String.join(" ", verb), r.out() + r.err());
                try (var in = Files.list(outside)) {
                    assertEquals(List.of(), in.toList(), "nothing written outside the share by " + String.join(" ", verb) + ": " + r.out() + r.err());
                }
                if (Boolean.getBoolean("prestage.test.show")) System.out.println("RUN " + String.join(" ", verb) + "\n" + r.out() + r.err());
            }
        }
    }
}
