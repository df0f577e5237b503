package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.client.Client;
import prestage.core.client.StoreLock;
import prestage.core.client.open.Clients;

/**
 * A client's run stops at its first failed step, as Ansible stops a host: with the store held by another run, the
 * MED-V recipe's push fails, and registry.set and msi do not run (no registry value pointing at images that are not
 * there); the error line names the steps skipped, by line; exit 1, in both faces.
 */
@EnabledOnOs(OS.LINUX)
class RecipeStopsAtFirstFailureTest {
    private static final Path RECIPE = Path.of("../scripts/medv-prestage.groovy").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aFailedPushStopsTheRecipeAndTheLaterStepsAreSkipped() throws Exception {
        Path client = Files.createDirectories(dir.resolve("client"));
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("A.ckm"), new byte[100_000]);
        Files.write(src.resolve("A.ckm.index"), new byte[1_000]);
        Files.createDirectories(client.resolve("MED-V Images/PrestagedImages"));
        Client c = Clients.open(client.toString(), null);
        try (StoreLock held = c.lock(c.path("C:\\MED-V Images\\PrestagedImages"), StoreLock.Policy.WAIT_QUIETLY)) {
            for (boolean json : new boolean[] {false, true}) {
                var r = json ? prestage("run", RECIPE.toString(), "--target", client.toString(), "-p", "source=" + src, "--no-wait", "--json")
                        : prestage("run", RECIPE.toString(), "--target", client.toString(), "-p", "source=" + src, "--no-wait");
                String shown = r.out() + r.err();
                assertEquals(1, r.exit(), shown);
                String error = json ? r.json().path("error").asText() : r.err();
                assertTrue(error.contains("(medv-prestage.groovy, line 15) push failed"), shown);
                assertTrue(error.contains("skipped: verify (line 16), registry.set (line 18), msi (line 21)"), shown);
                assertFalse(Files.exists(client.resolve("prestage.reg")), "registry.set did not run: " + shown);
                if (!json) assertFalse(r.out().contains("msiexec"), "msi did not run: " + shown);
                if (json) {
                    for (var step : r.json().path("steps")) {
                        assertFalse(step.path("verb").asText().equals("registry") || step.path("verb").asText().equals("verify"), shown);
                    }
                }
            }
        }
        // with the store free the same recipe runs to its end
        var r = prestage("run", RECIPE.toString(), "--target", client.toString(), "-p", "source=" + src);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.exists(client.resolve("prestage.reg")));
    }
}
