package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe in PRESTAGE_RECIPES named like a shipped one runs instead of it, and says so: which file runs and which it
 * shadows, on stderr (also with --json, whose stdout stays one document). A path runs without the note.
 */
@EnabledOnOs(OS.LINUX)
class RecipeShadowTest {
    @TempDir
    Path dir;

    private String[] run(List<String> args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "prestage.shell.Main"));
        command.addAll(args);
        var pb = new ProcessBuilder(command);
        pb.environment().put("PRESTAGE_RECIPES", dir.resolve("shared").toString());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        Path err = dir.resolve("err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out, Files.readString(err)};
    }

    @Test
    void aRecipeThatShadowsAShippedOneSaysWhichFileRan() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path mine = Files.writeString(shared.resolve("medv-prestage.groovy"), "description 'not the shipped one'\nstore 'C:\\\\'\n");
        Path client = Files.createDirectories(dir.resolve("client"));
        for (boolean json : new boolean[] {false, true}) {
            var args = new ArrayList<>(List.of("run", "medv-prestage", "--target", client.toString()));
            if (json) args.add("--json");
            String[] r = run(args);
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[2].contains("prestage note: running " + mine + ", which shadows ") && r[2].contains("scripts/medv-prestage.groovy"), r[2]);
            if (json) new com.fasterxml.jackson.databind.ObjectMapper().readTree(r[1]); // stdout is still the one document
        }
        String[] byPath = run(List.of("run", mine.toString(), "--target", client.toString()));
        assertEquals("0", byPath[0], byPath[1] + byPath[2]);
        assertFalse(byPath[2].contains("shadows"), byPath[2]);
    }
}
