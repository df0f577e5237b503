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
 * {@code --results FILE}, a journal, survives {@code kill -9}: a fleet run in a process of its own is killed while two clients are
 * running and one is pending; the journal it leaves is whole lines that leave them unfinished, and
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
        Path results = dir.resolve("results.jsonl");

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "prestage.shell.Main",
                "run", recipe.toString(), "--inventory", hosts.toString(), "--forks", "2", "-p", "source=" + images, "--results", results.toString());
        Process fleet = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("fleet.log").toFile()).start();
        String killed;
        try {
            killed = awaitJournal(results, fleet, states -> Map.of("pc1", "changed", "pc2", "running", "pc3", "running", "pc4", "pending").equals(states));
            fleet.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertTrue(fleet.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(137, fleet.exitValue());
        } finally {
            fleet.destroyForcibly();
        }
        // what the killed run left: a journal whose every line is whole, read again after it died
        String left = Files.readString(results);
        assertEquals(killed, left, "the journal changed after the kill");
        List<JsonNode> lines = journal(left);
        assertEquals("prestage-fleet-journal/1", lines.get(0).get("format").asText(), left);
        assertEquals(4, lines.get(0).get("clients").asInt(), left);
        assertFalse(lines.stream().anyMatch(l -> "end".equals(l.path("event").asText())), "no end line: " + left);
        JsonNode pc4 = lines.stream().filter(l -> "client".equals(l.path("event").asText()) && "pc4".equals(l.path("name").asText())).findFirst().orElseThrow();
        assertEquals(dir.resolve("go4").toString(), pc4.get("params").get("hold").asText());
        sha256sumOk(dir.resolve("pc1"));
        assertFalse(Files.exists(dir.resolve("pc2/MED-V Images/PrestagedImages/Win7.ckm")), "pc2 was held before its push");

        for (int i = 2; i <= 4; i++) Files.writeString(dir.resolve("go" + i), "go");
        Result retry = prestage("run", recipe.toString(), "--retry-failed", results.toString(), "--results", results.toString(),
                "-p", "source=" + images, "--json");
        assertEquals(0, retry.exit(), retry.err());
        JsonNode doc = retry.json();
        assertEquals(List.of("pc2", "pc3", "pc4"), java.util.stream.StreamSupport.stream(doc.get("clients").spliterator(), false).map(c -> c.get("name").asText()).toList(), retry.out());
        for (int i = 2; i <= 4; i++) sha256sumOk(dir.resolve("pc" + i));
        List<JsonNode> last = journal(Files.readString(results));
        assertEquals(Map.of("pc2", "changed", "pc3", "changed", "pc4", "changed"), states(last));
        JsonNode end = last.get(last.size() - 1);
        assertEquals("end", end.get("event").asText());
        assertEquals(0, end.get("exitCode").asInt());
        assertEquals(doc.get("summary"), end.get("summary"), "the journal ends with the --json document's summary");
        for (JsonNode l : last) {
            if ("finished".equals(l.path("event").asText())) {
                assertEquals(client(doc, l.get("name").asText()).get("run"), l.get("run"), "each client's run is in the journal as in --json");
            }
        }
        Result none = prestage("run", recipe.toString(), "--retry-failed", results.toString(), "-p", "source=" + images);
        assertEquals(0, none.exit(), none.err());
        assertTrue(none.out().contains("finished; nothing to retry"), none.out());
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

    static List<JsonNode> journal(String text) throws IOException {
        var lines = new java.util.ArrayList<JsonNode>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) lines.add(new ObjectMapper().readTree(line)); // a half-written line would fail here
        }
        assertTrue(text.isEmpty() || text.endsWith("\n"), "the journal ends with a whole line: " + text);
        return lines;
    }

    /** Each client's state as the journal tells it: pending, running, or how it ended. */
    static Map<String, String> states(List<JsonNode> journal) {
        var states = new java.util.LinkedHashMap<String, String>();
        for (JsonNode l : journal) {
            String name = l.path("name").asText();
            switch (l.path("event").asText()) {
                case "client" -> states.put(name, "pending");
                case "started" -> states.put(name, "running");
                case "finished" -> states.put(name, l.get("state").asText());
                default -> { }
            }
        }
        return states;
    }

    /** Polls the journal until it says what the test waits for; every line must parse every time it is read. */
    private static String awaitJournal(Path results, Process fleet, java.util.function.Predicate<Map<String, String>> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String text = null;
        while (System.nanoTime() < deadline) {
            assertTrue(fleet.isAlive(), "the fleet run ended before it was killed");
            if (Files.exists(results)) {
                text = Files.readString(results);
                if (done.test(states(journal(text)))) return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the journal never showed pc1 changed, pc2 and pc3 running, pc4 pending: " + text);
    }
}
