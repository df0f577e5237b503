package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of docs/cli.md: forms, output streams and exit statuses. */
@DisabledOnOs(OS.WINDOWS)
class CliTest {
    @TempDir
    Path dir;



    private static void assertOneLine(String err) {
        assertEquals(1, err.strip().lines().count(), "one line expected: " + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void versionAndHelpExitZero() {
        var version = prestage("--version");
        assertEquals(0, version.exit());
        // the version the build recorded and, in a git checkout, the commit
        assertTrue(version.out().strip().matches("prestage \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?( \\(commit [0-9a-f]{12}(-dirty)?\\))?"), version.out());
        var help = prestage("--help");
        assertEquals(0, help.exit());
        for (String verb : new String[]{"run", "store", "acl", "push", "verify", "registry", "msi", "status"}) {
            assertTrue(help.out().contains("  " + verb + " "), verb + " missing from help");
            assertEquals(0, prestage(verb, "-h").exit(), verb + " -h");
        }
        assertTrue(help.out().contains("3   drift found"), help.out());
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        var unknown = prestage("frobnicate");
        assertEquals(2, unknown.exit());
        assertOneLine(unknown.err());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());

        var missing = prestage("store");
        assertEquals(2, missing.exit());
        assertOneLine(missing.err());

        var badParam = prestage("run", "x.groovy", "-p", "novalue");
        assertEquals(2, badParam.exit());
        assertOneLine(badParam.err());
        assertTrue(badParam.err().contains("KEY=VALUE"), badParam.err());
    }

    @Test
    void storeCreatesThenReportsOkAndWhatIfChangesNothing() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        var whatIf = prestage("--target", client.toString(), "store", "C:\\", "--what-if");
        assertEquals(3, whatIf.exit(), whatIf.err());
        assertTrue(whatIf.out().contains("would change store"), whatIf.out());
        try (var files = Files.list(client)) {
            assertEquals(0, files.count());
        }
        var first = prestage("store", "C:\\", "--target", client.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(Files.isDirectory(client.resolve("MED-V Images/PrestagedImages")));
        var second = prestage("store", "C:\\", "--target", client.toString());
        assertEquals(0, second.exit());
        assertTrue(second.out().startsWith("ok "), second.out());
        assertTrue(second.out().contains("1 ok, 0 changed, 0 failed"), second.out());
    }

    @Test
    void jsonIsOneDocumentOnStdout() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        var r = prestage("--json", "--target", client.toString(), "store", "C:\\");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("changed", doc.at("/steps/0/status").asText());
        assertEquals("C:\\MED-V Images\\PrestagedImages", doc.at("/steps/0/data/prestaged").asText());
        assertEquals(1, doc.at("/summary/changed").asInt());
        assertEquals(0, doc.at("/exitCode").asInt());
        assertTrue(r.err().contains("changed  store"), "human lines go to stderr: " + r.err());
    }

    @Test
    void aWindowsPathWithoutTargetIsBadInput() {
        var r = prestage("store", "C:\\");
        assertEquals(2, r.exit());
        assertOneLine(r.err());
        assertTrue(r.err().contains("--target"), r.err());
    }

    @Test
    void msiPrintsTheCommandAndRejectsUnknownProperties() {
        var ok = prestage("msi", "MED-V_1.0.65.msi", "VMSFOLDER=C:\\MED-V Images", "START_MEDV=0", "--quiet", "--log", "C:\\medv.log");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\" START_MEDV=0 /quiet /log \"C:\\medv.log\"", ok.out().strip());
        var bad = prestage("msi", "MED-V_1.0.65.msi", "VMSFOLDR=C:\\x");
        assertEquals(2, bad.exit());
        assertOneLine(bad.err());
        assertTrue(bad.err().contains("unknown property 'VMSFOLDR'"), bad.err());
        var run = prestage("msi", "MED-V_1.0.65.msi", "--run");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("cannot run commands on") && run.err().contains("run it on the client itself"), run.err());
        assertOneLine(run.err());
    }

    @Test
    void recipeErrorsNameTheFileAndLineAndExitTwoWhenNothingChanged() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        Path syntax = Files.writeString(dir.resolve("syntax.groovy"), "def s = store 'C:\\\\'\nacl s.root, medv.acl, protect: \n");
        var r = prestage("--target", client.toString(), "run", syntax.toString());
        assertEquals(2, r.exit());
        assertOneLine(r.err());
        assertTrue(r.err().startsWith("prestage: (syntax.groovy, line 2) "), r.err());
        try (var files = Files.list(client)) {
            assertEquals(0, files.count(), "a recipe that does not compile changes nothing");
        }

        Path param = Files.writeString(dir.resolve("param.groovy"), "store params.root\n");
        var p = prestage("run", param.toString(), "--target", client.toString());
        assertEquals(2, p.exit());
        assertTrue(p.err().contains("(param.groovy, line 1) parameter 'root' is required: give -p root=VALUE"), p.err());

        var ok = prestage("run", param.toString(), "--target", client.toString(), "-p", "root=C:\\");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(Files.isDirectory(client.resolve("MED-V Images/PrestagedImages")));
    }

    @Test
    void aRecipeThatFailsAfterChangingSomethingExitsOne() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        Path recipe = Files.writeString(dir.resolve("late.groovy"), "store 'C:\\\\'\nthrow new IllegalStateException('boom')\n");
        var r = prestage("run", recipe.toString(), "--target", client.toString(), "--json");
        assertEquals(1, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("(late.groovy, line 2) boom", doc.at("/error").asText());
        assertEquals("changed", doc.at("/steps/0/status").asText());
    }
}
