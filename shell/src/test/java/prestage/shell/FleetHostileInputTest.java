package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.shell.Prestage.Result;

/**
 * A careless or hostile admin's fleet inputs (issue 23): {@code --results} pointed at every input of the run, one client
 * under several spellings, {@code --forks} without bound, a retry with another recipe's results, a missing inventory. Each is one line, exit status 2 where it is refused, and nothing changed.
 */
@DisabledOnOs(OS.WINDOWS)
class FleetHostileInputTest {
    private static final String RECIPE = "medv-prestage";

    @TempDir
    Path dir;
    Path images;
    Path pc1;
    Path pc2;

    @BeforeEach
    void clients() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("Win7.ckm"), new byte[70_000]);
        Files.writeString(images.resolve("Win7.ckm.index"), "index");
        pc1 = Files.createDirectories(dir.resolve("pc1"));
        pc2 = Files.createDirectories(dir.resolve("pc2"));
    }

    private void untouched() throws IOException {
        for (Path c : List.of(pc1, pc2)) {
            try (var files = Files.list(c)) {
                assertEquals(0, files.count(), c + " was touched");
            }
        }
    }

    private static void refusedInOneLine(Result r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void resultsPointedAtAnInputOrAtAFileThatIsNotResultsIsRefusedAndLeftAsItWas() throws IOException {
        Path recipe = dir.resolve("mine.groovy");
        Files.writeString(recipe, "def s = store 'C:\\\\'\npush from: params.source, to: s.prestaged\n");
        Path targets = Files.writeString(dir.resolve("clients.txt"), pc1 + "\n" + pc2 + "\n");
        Path inventory = Files.writeString(dir.resolve("hosts.ini"), "pc1 prestage_target=" + pc1 + "\npc2 prestage_target=" + pc2 + "\n");
        Path notes = Files.writeString(dir.resolve("notes.json"), "{\"mine\": true}\n");
        var cases = new ArrayList<List<String>>();
        cases.add(List.of("--targets", targets.toString(), "--results", targets.toString()));
        cases.add(List.of("--targets", targets.toString(), "--results", recipe.toString()));
        cases.add(List.of("--inventory", inventory.toString(), "--results", inventory.toString()));
        cases.add(List.of("--targets", targets.toString(), "--results", images.resolve("Win7.ckm").toString()));
        cases.add(List.of("--targets", targets.toString(), "--results", images.resolve("New.ckm").toString()));
        cases.add(List.of("--targets", targets.toString(), "--results", dir.resolve("images/../clients.txt").toString()));
        cases.add(List.of("--targets", targets.toString(), "--results", notes.toString()));
        var expected = List.of("is the --targets file of this run", "is the recipe of this run", "is the --inventory of this run",
                "would be an image in " + images, "would be an image in " + images, "is the --targets file of this run",
                "exists and is not the results of a prestage fleet run");
        for (int i = 0; i < cases.size(); i++) {
            var before = List.of(Files.readAllBytes(targets), Files.readAllBytes(recipe), Files.readAllBytes(inventory),
                    Files.readAllBytes(images.resolve("Win7.ckm")), Files.readAllBytes(notes));
            var args = new ArrayList<>(List.of("run", recipe.toString(), "-p", "source=" + images));
            args.addAll(cases.get(i));
            Result r = prestage(args.toArray(String[]::new));
            refusedInOneLine(r, expected.get(i));
            var after = List.of(Files.readAllBytes(targets), Files.readAllBytes(recipe), Files.readAllBytes(inventory),
                    Files.readAllBytes(images.resolve("Win7.ckm")), Files.readAllBytes(notes));
            for (int j = 0; j < before.size(); j++) assertTrue(java.util.Arrays.equals(before.get(j), after.get(j)), "case " + i + " changed input " + j);
            assertFalse(Files.exists(images.resolve("New.ckm")));
        }
        untouched();
        // the results of an earlier run may be written again (its retry's journal)
        Path results = dir.resolve("results.jsonl");
        Result first = prestage("run", recipe.toString(), "--targets", targets.toString(), "-p", "source=" + images, "--results", results.toString());
        assertEquals(0, first.exit(), first.err());
        Result again = prestage("run", recipe.toString(), "--targets", targets.toString(), "-p", "source=" + images, "--results", results.toString());
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void oneClientUnderTwoSpellingsIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link-to-pc1"), pc1);
        for (String other : List.of(pc1 + "/", link.toString(), dir.resolve("pc2/../pc1").toString())) {
            Result r = prestage("run", RECIPE, "--target", pc1.toString(), "--target", other, "-p", "source=" + images);
            refusedInOneLine(r, "are the same client (" + pc1.toRealPath() + ")");
        }
        Result hosts = prestage("run", RECIPE, "--target", "\\\\PC042\\C$", "--target", "smb://admin@pc042/c$", "-p", "source=" + images);
        refusedInOneLine(hosts, "are the same client (\\\\pc042\\C$)");
        untouched();
    }

    @Test
    void forksBeyondTheBoundAreCappedWithAWarning() {
        Result r = prestage("run", RECIPE, "--target", pc1.toString(), "--target", pc2.toString(), "-p", "source=" + images, "--forks", "100000",
                "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: --forks 100000 is more than this machine can hold"), r.err());
        assertTrue(r.err().contains("running 64 clients at a time"), r.err());
    }

    /** What the machine holds, measured by the process as users start it: 256 open files are room for 12 clients. */
    @Test
    void forksBeyondTheOpenFileLimitAreCappedWithAWarningThatSaysSo() throws Exception {
        Path recipe = Files.writeString(dir.resolve("push-only.groovy"), "def s = store 'C:\\\\'\npush from: params.source, to: s.prestaged\n");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // ulimit -n sets the hard limit too: the JVM, which raises its soft limit to the hard one, gets 256
        var command = List.of("bash", "-c", "ulimit -n 256 && exec \"$@\"", "fleet", javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, "prestage.shell.Main", "run", recipe.toString(), "--target", pc1.toString(), "--target", pc2.toString(),
                "-p", "source=" + images, "--forks", "40");
        Path log = dir.resolve("fleet.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the fleet did not end");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("warning: --forks 40 is more than this machine can hold (each client holds up to 16 open files and sockets,"
                + " and this process may open 256 (ulimit -n)); running 12 clients at a time"), out);
        assertTrue(out.contains("2 clients: 2 changed"), out);
    }

    @Test
    void retryFailedWithTheResultsOfAnotherRecipeWarns() throws IOException {
        Path other = Files.writeString(dir.resolve("other.groovy"), "store 'C:\\\\'\n");
        Files.writeString(pc2.resolve("MED-V Images"), "a file where the store belongs");
        Path results = dir.resolve("results.jsonl");
        Result first = prestage("run", other.toString(), "--target", pc1.toString(), "--target", pc2.toString(), "--results", results.toString());
        assertEquals(1, first.exit(), first.err());
        Files.delete(pc2.resolve("MED-V Images"));
        Result same = prestage("run", other.toString(), "--retry-failed", results.toString());
        assertEquals(0, same.exit(), same.err());
        assertFalse(same.err().contains("warning"), same.err());
        Result another = prestage("run", RECIPE, "--retry-failed", results.toString(), "-p", "source=" + images);
        assertEquals(0, another.exit(), another.err());
        assertTrue(another.err().contains("warning: --retry-failed " + results + " holds the results of the recipe " + other), another.err());
    }

    @Test
    void aMissingInventorySaysSo() throws IOException {
        Result missing = prestage("run", RECIPE, "--inventory", dir.resolve("no-such-hosts.ini").toString(), "-p", "source=" + images);
        refusedInOneLine(missing, "--inventory " + dir.resolve("no-such-hosts.ini") + ": no such file or folder");
        untouched();
    }
}
