package prestage.shell;

import static prestage.shell.FleetResultsFileTest.journal;
import static prestage.shell.FleetResultsFileTest.states;
import static prestage.shell.FleetRunCliTest.client;
import static prestage.shell.FleetRunCliTest.sha256sumOk;
import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.client.Client;
import prestage.core.client.StoreLock;
import prestage.core.client.open.Clients;
import prestage.shell.Prestage.Result;

/**
 * A fleet of a few hundred cheap clients (tiny images), and what a fleet owes a single run: the journal has a line per
 * client and event and nothing more, the exit statuses are those of single runs, and --no-wait means what it means
 * for one client.
 */
@EnabledOnOs(OS.LINUX)
class FleetAtScaleTest {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @TempDir
    Path dir;

    private Path images() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.writeString(images.resolve("Win7.ckm"), "a tiny image");
        Files.writeString(images.resolve("Win7.ckm.index"), "index");
        return images;
    }

    private Path recipe() throws IOException {
        return Files.writeString(dir.resolve("push-only.groovy"), "def s = store 'C:\\\\'\npush from: params.source, to: s.prestaged\n");
    }

    @Test
    void threeHundredClientsLeaveAJournalOfALinePerClientAndEvent() throws IOException {
        Path images = images();
        var targets = new StringBuilder();
        var clients = new ArrayList<Path>();
        for (int i = 0; i < 300; i++) {
            Path c = dir.resolve("pc" + i);
            if (i % 50 != 7) Files.createDirectories(c); // six of them are missing: unreachable
            clients.add(c);
            targets.append(c).append('\n');
        }
        Path list = Files.writeString(dir.resolve("clients.txt"), targets);
        Path results = dir.resolve("results.jsonl");
        Result r = prestage("run", recipe().toString(), "--targets", list.toString(), "--forks", "8", "-p", "source=" + images,
                "--results", results.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("300 clients: 294 changed, 6 unreachable"), r.out().substring(Math.max(0, r.out().length() - 300)));
        List<JsonNode> lines = journal(Files.readString(results));
        assertEquals(1 + 300 + 300 + 300 + 1, lines.size(), "header, a client line, a start and an end per client, the run's end");
        var counts = new LinkedHashMap<String, Integer>();
        lines.forEach(l -> counts.merge(l.path("event").asText("header"), 1, Integer::sum));
        assertEquals(Map.of("header", 1, "client", 300, "started", 300, "finished", 300, "end", 1), counts);
        Map<String, String> states = states(lines);
        for (int i = 0; i < 300; i++) {
            assertEquals(i % 50 == 7 ? "unreachable" : "changed", states.get(clients.get(i).toString()), clients.get(i).toString());
        }
        for (int i = 0; i < 300; i += 37) if (i % 50 != 7) sha256sumOk(clients.get(i));
        JsonNode end = lines.get(lines.size() - 1);
        assertEquals(1, end.get("exitCode").asInt());
        assertEquals(294, end.get("summary").get("changed").asInt());

        for (int i = 7; i < 300; i += 50) Files.createDirectories(clients.get(i));
        Result retry = prestage("run", recipe().toString(), "--retry-failed", results.toString(), "-p", "source=" + images);
        assertEquals(0, retry.exit(), retry.err());
        assertTrue(retry.out().contains("6 clients: 6 changed"), retry.out());
    }

    /** A client setting means in a fleet what it means for one client: a bad one fails every client alike, with the same status. */
    @Test
    void aClientSettingReachesEveryClientOfAFleetAsItReachesOne() throws IOException {
        Path images = images();
        Path pc1 = Files.createDirectories(dir.resolve("pc1"));
        Path pc2 = Files.createDirectories(dir.resolve("pc2"));
        System.setProperty("prestage.ntacl.xattr", "trusted.NTACL");
        try {
            Result fleet = prestage("run", "medv-prestage", "-p", "source=" + images, "--json", "--target", pc1.toString(), "--target", pc2.toString());
            Result single = prestage("run", "medv-prestage", "-p", "source=" + images, "--json", "--target", Files.createDirectories(dir.resolve("pc3")).toString());
            assertEquals(1, single.exit(), single.out() + single.err()); // the store's folders are made, then its ACL fails
            assertTrue(single.json().toString().contains("-Dprestage.ntacl.xattr=trusted.NTACL: use user.NTACL or security.NTACL"), single.out());
            assertEquals(single.exit(), fleet.exit(), fleet.err());
            for (Path c : List.of(pc1, pc2)) {
                JsonNode h = client(fleet.json(), c.toString());
                assertEquals(single.exit(), h.get("exitCode").asInt(), h.toString());
                assertTrue(h.get("error").asText().contains("-Dprestage.ntacl.xattr=trusted.NTACL: use user.NTACL or security.NTACL"), h.toString());
                assertEquals(single.json().get("steps").size(), h.get("run").get("steps").size(), h.toString());
            }
        } finally {
            System.clearProperty("prestage.ntacl.xattr");
        }
    }

    /**
     * --no-wait in a fleet: the client whose store another run holds fails at once, the others finish; each client's
     * exit status is the one a single run against it returns.
     */
    @Test
    void noWaitFailsTheHeldClientAtOnceAndTheOthersFinishWithTheExitStatusesOfSingleRuns() throws Exception {
        Path images = images();
        var clients = new ArrayList<Path>();
        for (int i = 0; i < 4; i++) clients.add(Files.createDirectories(dir.resolve("pc" + i).resolve("MED-V Images").resolve("PrestagedImages")).getParent().getParent());
        Client held = Clients.open(clients.get(1).toString(), null);
        StoreLock lock = held.lock(held.path(STORE), StoreLock.Policy.WAIT_QUIETLY);
        try {
            var args = new ArrayList<>(List.of("run", recipe().toString(), "-p", "source=" + images, "--no-wait", "--json", "--forks", "2"));
            clients.forEach(c -> args.addAll(List.of("--target", c.toString())));
            Result fleet = prestage(args.toArray(String[]::new));
            assertEquals(1, fleet.exit(), fleet.err());
            JsonNode doc = fleet.json();
            JsonNode h = client(doc, clients.get(1).toString());
            assertEquals("failed", h.get("state").asText(), h.toString());
            assertTrue(h.get("error").asText().contains("is in use by another prestage run"), h.toString());
            for (int i : List.of(0, 2, 3)) {
                assertEquals("changed", client(doc, clients.get(i).toString()).get("state").asText());
                sha256sumOk(clients.get(i));
            }
            // the same client alone, with the same options: the same exit status and the same first failure
            Result alone = prestage("run", recipe().toString(), "-p", "source=" + images, "--no-wait", "--json", "--target", clients.get(1).toString());
            assertEquals(alone.exit(), h.get("exitCode").asInt(), alone.err());
            assertEquals(alone.json().get("steps"), h.get("run").get("steps"));
        } finally {
            lock.close();
            held.close();
        }
        // bad input on every client (no source): 2, as for a single run; once one client changed, 1
        Result noSource = prestage("run", recipe().toString(), "--target", clients.get(0).toString(), "--target", clients.get(1).toString(), "--json");
        Result single = prestage("run", recipe().toString(), "--target", clients.get(0).toString(), "--json");
        assertEquals(single.exit(), noSource.exit(), noSource.err());
        assertEquals(single.exit(), client(noSource.json(), clients.get(0).toString()).get("exitCode").asInt());
        assertFalse(noSource.json().get("clients").get(0).get("finished").asBoolean());
    }
}
