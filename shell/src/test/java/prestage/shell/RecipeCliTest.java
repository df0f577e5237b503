package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.testing.Smbd;
import prestage.shell.Prestage.Result;

/** prestage show, prestage recipes, run NAME and run RECIPE --help; what a recipe may not do, seen from the CLI. */
@DisabledOnOs(OS.WINDOWS)
class RecipeCliTest {
    private static final Path SCRIPTS = Path.of("../scripts").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void showPrintsPathHashParametersVerbsAndSourceAndSha256sumAgrees() throws IOException {
        Path recipe = SCRIPTS.resolve("medv-prestage.groovy");
        Result shown = prestage("show", recipe.toString());
        assertEquals(0, shown.exit(), shown.err());
        String sha = Smbd.run(List.of("sha256sum", recipe.toString()), null).split(" ")[0];
        assertTrue(shown.out().contains("sha256      " + sha + "\n"), shown.out());
        assertTrue(shown.out().contains("recipe      " + recipe + "\n"), shown.out());
        assertTrue(shown.out().contains("  source      required"), shown.out());
        assertTrue(shown.out().contains("  root        default C:\\"), shown.out());
        assertTrue(shown.out().contains("  acl           lines 12, 13"), shown.out());
        assertTrue(shown.out().contains("--what-if stops prestage's verbs, not the recipe's own Groovy code"), shown.out());
        assertTrue(shown.out().endsWith(Files.readString(recipe)), shown.out());

        Result json = prestage("show", "repair", "--json");
        assertEquals(0, json.exit(), json.err());
        var doc = new ObjectMapper().readTree(json.out());
        assertEquals(Smbd.run(List.of("sha256sum", SCRIPTS.resolve("repair.groovy").toString()), null).split(" ")[0], doc.get("sha256").asText());
        assertEquals("source", doc.get("parameters").get(0).get("name").asText());
        assertTrue(doc.get("parameters").get(0).get("required").asBoolean());
        assertTrue(doc.get("verbs").has("push") && doc.get("verbs").has("registry.set") && doc.get("verbs").has("include"), json.out());
        assertEquals(SCRIPTS.resolve("common.groovy").toString(), doc.get("includes").get(0).get("path").asText());
    }

    @Test
    void recipesListsTheShippedOnesWithTheirDescriptionAndRunFindsThemByName() throws IOException {
        Result list = prestage("recipes");
        assertEquals(0, list.exit(), list.err());
        for (String name : List.of("medv-prestage", "demo", "status-clients", "repair", "reverify", "common")) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.endsWith("[" + SCRIPTS.resolve(name + ".groovy") + "]")),
                    name + " missing:\n" + list.out());
        }
        assertTrue(list.out().contains("Re-apply what drifted on a client"), list.out());

        Result help = prestage("run", "repair", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("it cannot stop the recipe's own Groovy code"), help.out());
        assertTrue(help.out().contains("Parameters (-p NAME=VALUE):"), help.out());
        assertTrue(help.out().lines().anyMatch(l -> l.matches("  source +the folder the images were pushed from.*\\(required\\)"))
                && help.out().lines().anyMatch(l -> l.matches("  root +the drive that holds the image store \\(default: C:\\\\\\)")), help.out());

        Result unknown = prestage("run", "no-such-recipe");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("recipe 'no-such-recipe' is neither a file nor a recipe on the search path"), unknown.err());
    }

    @Test
    void aMissingParameterChangesNothingAndJsonHoldsOneDocument() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        Result r = prestage("run", "medv-prestage", "--target", client.toString(), "--json");
        assertEquals(2, r.exit(), r.err());
        var doc = new ObjectMapper().readTree(r.out());
        assertEquals("(medv-prestage.groovy, line 6) parameter 'source' is required: give -p source=VALUE", doc.get("error").asText());
        assertEquals(2, doc.get("exitCode").asInt());
        try (Stream<Path> files = Files.list(client)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void exitInARecipeIsAnErrorAndTheRunStillReports() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        Path refused = dir.resolve("exit.groovy");
        Files.writeString(refused, "store 'C:\\\\'\nSystem.exit(0)\n");
        Result compile = prestage("run", refused.toString(), "--target", client.toString(), "--json");
        assertEquals(2, compile.exit());
        assertTrue(new ObjectMapper().readTree(compile.out()).get("error").asText().startsWith("(exit.groovy, line 2) System.exit would end prestage"));

        Path late = dir.resolve("late.groovy");
        Files.writeString(late, "store 'C:\\\\'\ndef r = Runtime.runtime\nr.halt(0)\n");
        Result run = prestage("run", late.toString(), "--target", client.toString(), "--json");
        assertEquals(1, run.exit(), run.err());
        var doc = new ObjectMapper().readTree(run.out());
        assertEquals("(late.groovy, line 3) Runtime.halt would end prestage before it reports what the recipe did;"
                + " end a recipe with return, or stop it with throw new Exception('why')", doc.get("error").asText());
        assertEquals("changed", doc.get("steps").get(0).get("status").asText());
        assertTrue(Files.isDirectory(client.resolve("MED-V Images/PrestagedImages")));
    }

    @Test
    void whatIfDoesNotStopTheRecipesOwnCodeAsHelpSays() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        Path recipe = dir.resolve("own.groovy");
        Path written = dir.resolve("written-by-groovy");
        Files.writeString(recipe, "new File('" + written + "').text = 'x'\nstore 'C:\\\\'\n");
        Result r = prestage("run", recipe.toString(), "--target", client.toString(), "--what-if");
        assertEquals(3, r.exit(), r.err());
        assertTrue(Files.exists(written), "the recipe's own code ran, as --help says it does");
        assertFalse(Files.exists(client.resolve("MED-V Images")), "the verb made no change under --what-if");
    }
}
