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
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad --registry is found before the recipe's first change, not at its registry step after the folders, ACLs and
 * images were done: the MED-V recipe against an empty client folder leaves it empty, exit 2, one line naming the value.
 */
@EnabledOnOs(OS.LINUX)
class RegistryCheckedFirstTest {
    private static final Path RECIPE = Path.of("../scripts/medv-prestage.groovy").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aBadRegistryIsRefusedBeforeTheFirstChange() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("A.ckm"), new byte[10_000]);
        Path notAHive = Files.writeString(dir.resolve("SOFTWARE"), "not a hive");
        for (String registry : List.of(dir.resolve("missing").resolve("client.reg").toString(), notAHive.toString(),
                "new-hive:" + dir.resolve("missing").resolve("SOFTWARE"))) {
            Path client = Files.createDirectories(dir.resolve("client" + registry.hashCode()));
            var r = prestage("run", RECIPE.toString(), "--target", client.toString(), "-p", "source=" + src, "--registry", registry);
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().strip().startsWith("prestage: --registry ") || r.err().strip().startsWith("prestage: the hive "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            try (var children = Files.list(client)) {
                assertEquals(List.of(), children.toList(), "nothing was created in the client: " + r.out());
            }
            UserMessages.assertNoInternals("stderr", r.err());
        }
    }
}
