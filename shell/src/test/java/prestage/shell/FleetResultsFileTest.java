package prestage.shell;

import static prestage.shell.FleetRunCliTest.client;
import static prestage.shell.FleetRunCliTest.sha256sumOk;
import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.shell.Prestage.Result;

/**
 * {@code --results FILE} survives {@code kill -9}: a fleet run in a process of its own is killed while two clients are
 * running and one is pending; the file it leaves is a whole document that marks them unfinished, and
 * {@code --retry-failed FILE} completes exactly those (judged by sha256sum -c).
 */
@DisabledOnOs(OS.WINDOWS)
class FleetResultsFileTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** Clients with a {@code hold} parameter wait, after their store, until that file exists. */
    private static final String RECIPE = """
            description 'Test: the store, then (for a held client) a wait, then the push'
            param 'source', 'the folder with the images'
            param 'hold', 'a file this client waits for before its push', required: false
            def s = store 'C:\\\\'
            if (params.hold) {
                while (!new File(params.hold).exists()) sleep 50
            }
            push from: params.source, to: s.prestaged
            """;

    @Test
    void aRunKilledMidwayLeavesAResultsFileThatRetryFailedCompletes() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        byte[] data = new byte[1_500_000];
        new Random(7).nextBytes(data);
        Files.write(images.resolve("Win7.ckm"), data);
        Files.writeString(images.resolve("Win7.ckm.index"), "index");
        Path recipe = dir.resolve("held.groovy");
        Files.writeString(recipe, RECIPE);
        // pc1 runs through; pc2, pc3 and pc4 wait for their go file: with 2 forks, pc2 and pc3 run and pc4 is pending
        var inventory = new StringBuilder("[medv]\n");
        for (int i = 1; i <= 4; i++) {
            Files.createDirectories(dir.resolve("pc" + i));
            inventory.append("pc").append(i).append(" prestage_target=").append(dir.resolve("pc" + i))
                    .append(i == 1 ? "" : " prestage_param_hold=" + dir.resolve("go" + i)).append('\n');
        }
        Path hosts = dir.resolve("hosts.ini");
        Files.writeString(hosts, inventory.toString());
        Path results = dir.resolve("results.json");

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "prestage.shell.Main",
                "run", recipe.toString(), "--inventory", hosts.toString(), "--forks", "2", "-p", "source=" + images, "--results", results.toString());
        Process fleet = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("fleet.log").toFile()).start();
        JsonNode killed;
        try {
            killed = awaitDocument(results, fleet, doc -> Map.of("changed", 1, "running", 2, "pending", 1).equals(summary(doc)));
            fleet.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertTrue(fleet.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(137, fleet.exitValue());
        } finally {
            fleet.destroyForcibly();
        }
        // what the killed run left: a whole document, read again after it died
        JsonNode left = new ObjectMapper().readTree(results.toFile());
        assertEquals(killed, left, "the document changed after the kill");
        assertFalse(left.get("complete").asBoolean(), left.toString());
        assertEquals("changed", client(left, "pc1").get("state").asText());
        assertTrue(client(left, "pc1").get("finished").asBoolean());
        for (String held : List.of("pc2", "pc3")) {
            assertEquals("running", client(left, held).get("state").asText(), left.toString());
            assertFalse(client(left, held).get("finished").asBoolean());
        }
        assertEquals("pending", client(left, "pc4").get("state").asText());
        assertEquals(dir.resolve("go4").toString(), client(left, "pc4").get("params").get("hold").asText());
        sha256sumOk(dir.resolve("pc1"));
        assertFalse(Files.exists(dir.resolve("pc2/MED-V Images/PrestagedImages/Win7.ckm")), "pc2 was held before its push");

        for (int i = 2; i <= 4; i++) Files.writeString(dir.resolve("go" + i), "go");
        Result retry = prestage("run", recipe.toString(), "--retry-failed", results.toString(), "--results", results.toString(),
                "-p", "source=" + images, "--json");
        assertEquals(0, retry.exit(), retry.err());
        JsonNode doc = retry.json();
        assertEquals(List.of("pc2", "pc3", "pc4"), java.util.stream.StreamSupport.stream(doc.get("clients").spliterator(), false).map(c -> c.get("name").asText()).toList(), retry.out());
        for (int i = 2; i <= 4; i++) sha256sumOk(dir.resolve("pc" + i));
        JsonNode last = new ObjectMapper().readTree(results.toFile());
        assertTrue(last.get("complete").asBoolean());
        assertEquals(doc, last, "the results file ends as the --json document");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "temporary files left");
        }
    }

    @Test
    void aResultsFileThatCannotBeWrittenIsRefusedBeforeAnyClientIsTouched() throws IOException {
        Path pc1 = Files.createDirectories(dir.resolve("pc1"));
        Path pc2 = Files.createDirectories(dir.resolve("pc2"));
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.writeString(images.resolve("Win7.ckm"), "image");
        Result r = prestage("run", "medv-prestage", "--target", pc1.toString(), "--target", pc2.toString(), "-p", "source=" + images,
                "--results", dir.resolve("no/such/folder/results.json").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--results " + dir.resolve("no/such/folder/results.json") + ": cannot write it (no folder "
                + dir.resolve("no/such/folder") + "); give a file in a folder you can write"), r.err());
        try (Stream<Path> files = Files.list(pc1)) {
            assertEquals(0, files.count(), "pc1 was touched");
        }
    }

    private static Map<String, Integer> summary(JsonNode doc) {
        var m = new java.util.HashMap<String, Integer>();
        doc.get("summary").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        return m;
    }

    /** Polls the results file until it says what the test waits for; the file must parse every time it is read. */
    private static JsonNode awaitDocument(Path results, Process fleet, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode doc = null;
        while (System.nanoTime() < deadline) {
            assertTrue(fleet.isAlive(), "the fleet run ended before it was killed");
            if (Files.exists(results)) {
                doc = new ObjectMapper().readTree(results.toFile()); // a half-written file would fail here
                if (done.test(doc)) return doc;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the results file never showed 1 changed, 2 running, 1 pending: " + doc);
    }
}
