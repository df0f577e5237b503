package prestage.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the shipped recipes are found: the launcher's prestage.home, else the first scripts/ above prestage's jar. */
class RecipeSearchPathTest {
    @TempDir
    Path dir;

    private Path install(String home) throws IOException {
        Path scripts = Files.createDirectories(dir.resolve(home).resolve("scripts"));
        Files.writeString(scripts.resolve("medv-prestage.groovy"), "// shipped\n");
        return scripts;
    }

    @Test
    void theCloneFindsScriptsThreeLevelsAboveTheJarsOfShellTargetLib() throws IOException {
        Path scripts = install("clone");
        Path jar = dir.resolve("clone/shell/target/lib/prestage-dsl-0.1.0.jar");
        assertEquals(Optional.of(scripts), RecipeSearchPath.shipped(null, jar));
    }

    @Test
    void aReleaseFindsScriptsBesideItsLibFolder() throws IOException {
        Path scripts = install("opt/prestage");
        assertEquals(Optional.of(scripts), RecipeSearchPath.shipped(null, dir.resolve("opt/prestage/lib/prestage-dsl-0.1.0.jar")));
    }

    @Test
    void theLaunchersHomeWinsOverWhereTheJarIs() throws IOException {
        Path release = install("release");
        install("elsewhere");
        assertEquals(Optional.of(release), RecipeSearchPath.shipped(dir.resolve("release").toString(), dir.resolve("elsewhere/lib/x.jar")));
    }

    @Test
    void noScriptsAnywhereIsNoShippedFolder() {
        assertEquals(Optional.empty(), RecipeSearchPath.shipped(dir.resolve("nothing").toString(), dir.resolve("a/b/c.jar")));
    }
}
