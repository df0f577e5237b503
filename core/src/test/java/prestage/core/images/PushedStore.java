package prestage.core.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import prestage.core.outcome.Step;

/** A client drive in a temporary folder with an image and its index pushed into the store: what verb tests start from. */
abstract class PushedStore {
    static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @TempDir
    Path tmp;
    Path drive;
    Path store;
    Path src;

    /** Pushes {@code name} ({@code size} random bytes) and {@code name.index} ({@code indexSize}) into {@link #STORE}. */
    Step pushImage(String name, int size, int indexSize) throws Exception {
        drive = Files.createDirectories(tmp.resolve("drive"));
        store = drive.resolve("MED-V Images").resolve("PrestagedImages");
        src = tmp.resolve("src");
        Fixtures.randomFile(src.resolve(name), size, 1);
        Fixtures.randomFile(src.resolve(name + ".index"), indexSize, 2);
        return Fixtures.push(Fixtures.context(drive)).push(new PushRequest(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
    }
}
