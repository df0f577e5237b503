package prestage.smb.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Images for push tests over SMB: random bytes (incompressible, so SMB compression or caching cannot flatter a run). */
public final class SampleImages {
    private SampleImages() {
    }

    /** Writes {@code mib} MiB of random bytes from {@code seed} to {@code file}, making its folder; returns the file. */
    public static Path random(Path file, int mib, long seed) throws IOException {
        byte[] image = new byte[mib << 20];
        new Random(seed).nextBytes(image);
        Files.createDirectories(file.getParent());
        return Files.write(file, image);
    }
}
