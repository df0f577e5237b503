package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import prestage.smb.testing.LoopbackSmbd;
import prestage.smb.testing.SampleImages;

/**
 * What the shell's tests over SMB share: a folder, sample images to push, a credentials file for LoopbackSmbd's user,
 * and sha256sum -c as the judge of what a server ended up holding.
 */
abstract class SmbCliFixture {
    @TempDir
    Path dir;

    /** {@code Win7.ckm} of {@code mib} random MiB (from {@code seed}) and its index, in {@code dir/images}. */
    Path images(int mib, long seed) throws IOException {
        Path images = SampleImages.random(dir.resolve("images").resolve("Win7.ckm"), mib, seed).getParent();
        Files.writeString(images.resolve("Win7.ckm.index"), "index\n");
        return images;
    }

    /** A file in smbclient's -A format for LoopbackSmbd's user. */
    Path credentials() throws IOException {
        return LoopbackSmbd.credentialsFile(dir.resolve("creds"));
    }

    /** sha256sum -c --strict passes in the store folder {@code smbd} serves: every pushed image arrived whole. */
    static void assertStoreChecksOut(LoopbackSmbd smbd) throws IOException, InterruptedException {
        Path served = smbd.shareDir().resolve("MED-V Images").resolve("PrestagedImages");
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS").directory(served.toFile()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), checked);
    }
}
