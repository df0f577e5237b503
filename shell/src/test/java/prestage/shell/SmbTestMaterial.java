package prestage.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import prestage.smb.testing.LoopbackSmbd;

/** What the shell's tests over SMB push and log on with: sample images and a credentials file for LoopbackSmbd. */
final class SmbTestMaterial {
    private SmbTestMaterial() {
    }

    /** {@code Win7.ckm} of {@code mib} random MiB (from {@code seed}) and its index, in {@code dir/images}. */
    static Path images(Path dir, int mib, long seed) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        byte[] ckm = new byte[mib << 20];
        new Random(seed).nextBytes(ckm);
        Files.write(images.resolve("Win7.ckm"), ckm);
        Files.writeString(images.resolve("Win7.ckm.index"), "index\n");
        return images;
    }

    /** A file in smbclient's -A format for LoopbackSmbd's user. */
    static Path credentials(Path dir) throws IOException {
        Path creds = dir.resolve("creds");
        Files.writeString(creds, "username = root\npassword = " + LoopbackSmbd.PASSWORD + "\n");
        return creds;
    }
}
