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
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.testing.Smbd;
import prestage.shell.Prestage.Result;

/**
 * {@code prestage run RECIPE} over many clients: folder clients, one served by a real smbd, one broken and one missing.
 * Judged by sha256sum -c on every client's store and smbcacls through the share; the broken ones are repaired and
 * {@code --retry-failed} completes exactly them.
 */
@DisabledOnOs(OS.WINDOWS)
class FleetRunCliTest {
    private static final String RECIPE = "medv-prestage";
    private static final List<String> MEDV_ACL = List.of("ACL:S-1-5-11:0/0x10/0x0012008d", "ACL:S-1-5-18:0/0x10/0x001f01ff",
            "ACL:S-1-5-32-544:0/0x10/0x001f01ff");

    @TempDir
    Path dir;
    Path images;

    @BeforeEach
    void images() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        byte[] data = new byte[2_500_000];
        new Random(12).nextBytes(data);
        Files.write(images.resolve("Win7.ckm"), data);
        Files.writeString(images.resolve("Win7.ckm.index"), "index");
    }

    static void sha256sumOk(Path client) throws IOException {
        Path store = client.resolve("MED-V Images/PrestagedImages");
        assertEquals("Win7.ckm: OK\nWin7.ckm.index: OK\n",
                Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum --strict -c SHA256SUMS", store.toString()), null), client.toString());
    }

    static JsonNode client(JsonNode doc, String name) {
        for (JsonNode c : doc.get("clients")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no client " + name + " in " + doc);
    }

    @Test
    void oneBrokenAndOneMissingClientNeverStopTheOthersAndRetryFailedCompletesThemAfterTheRepair() throws IOException {
        try (Smbd smbd = Smbd.startWithAclXattr(dir.resolve("samba"), "user.NTACL")) {
            Path good1 = Files.createDirectories(dir.resolve("pc1"));
            Path good2 = Files.createDirectories(dir.resolve("pc2"));
            Path served = Files.createDirectories(smbd.shareDir().resolve("pc3"));
            Path broken = Files.createDirectories(dir.resolve("pc4"));
            Files.writeString(broken.resolve("MED-V Images"), "a file where the store folder belongs");
            Path missing = dir.resolve("pc5");
            Path list = dir.resolve("clients.txt");
            Files.writeString(list, "# the lab\n" + good1 + "\n\n" + good2 + "   # second row\n" + served + "\n" + broken + "\n" + missing + "\n");

            Result first = prestage("run", RECIPE, "--targets", list.toString(), "-p", "source=" + images, "--forks", "2", "--json");
            assertEquals(1, first.exit(), first.err());
            JsonNode doc = first.json();
            assertEquals("prestage-fleet/1", doc.get("format").asText(), first.out());
            assertEquals(5, doc.get("clients").size());
            for (Path good : List.of(good1, good2, served)) {
                JsonNode c = client(doc, good.toString());
                assertEquals("changed", c.get("state").asText(), c.toString());
                assertEquals(0, c.get("exitCode").asInt());
                assertTrue(c.get("changed").asInt() >= 5, c.toString());
                assertEquals("changed", c.get("run").get("steps").get(3).get("status").asText(), "the push: " + c);
                sha256sumOk(good);
            }
            JsonNode b = client(doc, broken.toString());
            assertEquals("failed", b.get("state").asText());
            assertEquals(1, b.get("failed").asInt());
            assertTrue(b.get("error").asText().contains("C:\\MED-V Images is a file, not a folder"), b.toString());
            JsonNode m = client(doc, missing.toString());
            assertEquals("unreachable", m.get("state").asText());
            assertEquals(1, m.get("unreachable").asInt());
            assertTrue(m.get("error").asText().contains("no such folder"), m.toString());
            assertEquals(3, doc.get("summary").get("changed").asInt(), doc.get("summary").toString());
            assertEquals(MEDV_ACL.stream().map(a -> a.replace("/0x10/", "/0x3/")).toList(),
                    smbd.smbcacls("pc3/MED-V Images", "--numeric").lines().filter(l -> l.startsWith("ACL:")).toList());
            assertEquals(MEDV_ACL, smbd.smbcacls("pc3/MED-V Images/PrestagedImages/Win7.ckm", "--numeric").lines()
                    .filter(l -> l.startsWith("ACL:")).toList());
            // the human recap goes to stderr under --json, one line per client as Ansible's
            assertTrue(first.err().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(missing.toString())
                    + " +: ok=0 +changed=0 +unreachable=1 +failed=0 .* unreachable +--target .*no such folder.*")), first.err());

            Path results = dir.resolve("results.json");
            Files.writeString(results, first.out());
            Files.delete(broken.resolve("MED-V Images"));
            Files.createDirectories(missing);

            Result retry = prestage("run", RECIPE, "--retry-failed", results.toString(), "-p", "source=" + images, "--json");
            assertEquals(0, retry.exit(), retry.err());
            var names = new ArrayList<String>();
            retry.json().get("clients").forEach(c -> names.add(c.get("name").asText() + "=" + c.get("state").asText()));
            assertEquals(List.of(broken + "=changed", missing + "=changed"), names);
            sha256sumOk(broken);
            sha256sumOk(missing);

            Files.writeString(results, retry.out());
            Result none = prestage("run", RECIPE, "--retry-failed", results.toString(), "-p", "source=" + images);
            assertEquals(0, none.exit(), none.err());
            assertTrue(none.out().contains("finished; nothing to retry"), none.out());
        }
    }

    @Test
    void fourClientsPushingTheSameImagesReadThemOnce() throws IOException {
        byte[] big = new byte[24 << 20];
        new Random(3).nextBytes(big);
        Files.write(images.resolve("Win7.ckm"), big);
        long imageBytes = big.length + Files.size(images.resolve("Win7.ckm.index"));
        // shared reads are the default
        var args = new ArrayList<>(List.of("run", RECIPE, "-p", "source=" + images, "--json"));
        var clients = new ArrayList<Path>();
        for (int i = 1; i <= 4; i++) {
            clients.add(Files.createDirectories(dir.resolve("pc" + i)));
            args.addAll(List.of("--target", clients.get(i - 1).toString()));
        }
        Result r = prestage(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        JsonNode reads = r.json().get("sourceReads");
        assertEquals(4 * imageBytes, reads.get("bytesCopied").asLong(), r.out());
        long read = reads.get("bytesRead").asLong();
        assertTrue(read >= imageBytes && read <= imageBytes + imageBytes / 4, "about 1x the images, not 4x: " + reads);
        long hashed = reads.get("bytesHashed").asLong();
        assertTrue(hashed >= imageBytes && hashed <= imageBytes + imageBytes / 4, "each block hashed about once, not 4 times: " + reads);
        for (Path c : clients) sha256sumOk(c);
        assertTrue(r.err().contains("source files: "), r.err());

        // --no-shared-reads: each client reads for itself, and the document has no shared-read counter
        args.add("--no-shared-reads");
        for (Path c : clients) Smbd.run(List.of("rm", "-rf", c.resolve("MED-V Images").toString()), null);
        Result own = prestage(args.toArray(String[]::new));
        assertEquals(0, own.exit(), own.err());
        assertFalse(own.json().has("sourceReads"), own.out());
        assertFalse(own.err().contains("source files: "), own.err());
        for (Path c : clients) sha256sumOk(c);
    }

    @Test
    void aSecondRunIsAllOkAndTheRecapSaysSoInPlainText() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Result whatIf = prestage("run", RECIPE, "--target", a.toString(), "--target", b.toString(), "-p", "source=" + images, "--what-if");
        assertEquals(3, whatIf.exit(), "what-if that would change something: " + whatIf.err());
        assertFalse(Files.exists(a.resolve("MED-V Images")) || Files.exists(b.resolve("MED-V Images")), "--what-if changed nothing");
        assertEquals(0, prestage("run", RECIPE, "--target", a.toString(), "--target", b.toString(), "-p", "source=" + images).exit());
        Result again = prestage("run", RECIPE, "--target", a.toString(), "--target", b.toString(), "-p", "source=" + images);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("PRESTAGE RECAP"), again.out());
        assertTrue(again.out().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(a.toString()) + " +: ok=7 +changed=0 +unreachable=0 +failed=0 +[0-9.]+ s +ok")),
                again.out());
        assertTrue(again.out().contains("2 clients: 2 ok"), again.out());
        assertTrue(again.out().lines().anyMatch(l -> l.startsWith("[" + b + "] ok       push ")), "step lines carry their client: " + again.out());
        assertTrue(again.err().contains("[" + a + "] ok in "), again.err());
    }

    @Test
    void anInventoryWithHostVariablesAndALimitPattern() throws IOException {
        Path pc1 = Files.createDirectories(dir.resolve("pc1"));
        Path pc2 = Files.createDirectories(dir.resolve("pc2"));
        Path pc3 = Files.createDirectories(dir.resolve("pc3"));
        Path inventory = dir.resolve("hosts.ini");
        Files.writeString(inventory, "[medv_clients]\n"
                + "pc1 prestage_target=" + pc1 + "\n"
                + "pc2 prestage_target=" + pc2 + "\n"
                + "pc3 prestage_target=" + pc3 + " prestage_param_package=Other.msi\n"
                + "[medv_clients:vars]\nprestage_params={\"source\": \"" + images + "\"}\n");
        Result r = prestage("run", RECIPE, "--inventory", inventory.toString(), "--limit", "medv_clients:!pc2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = r.json();
        assertEquals(2, doc.get("clients").size(), r.out());
        assertEquals("pc1", doc.get("clients").get(0).get("name").asText());
        assertEquals(pc3.toString(), client(doc, "pc3").get("target").asText());
        assertEquals("Other.msi", client(doc, "pc3").get("params").get("package").asText());
        assertTrue(client(doc, "pc3").get("run").get("steps").toString().contains("msiexec /i \\\"Other.msi\\\""), r.out());
        sha256sumOk(pc1);
        sha256sumOk(pc3);
        assertFalse(Files.exists(pc2.resolve("MED-V Images")), "--limit left pc2 out");

        Result none = prestage("run", RECIPE, "--inventory", inventory.toString(), "--limit", "nosuchhost");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no host matches"), none.err());
    }

    @Test
    void badFleetInputIsOneLineExitTwoAndChangesNothing() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path list = dir.resolve("clients.txt");
        Files.writeString(list, a + "\n--forks 9\n");
        Result option = prestage("run", RECIPE, "--targets", list.toString(), "-p", "source=" + images);
        assertEquals(2, option.exit());
        assertTrue(option.err().contains("clients.txt, line 2: '--forks 9' is an option, not a target"), option.err());

        Result twice = prestage("run", RECIPE, "--target", a.toString(), "--targets", list.toString().replace("clients", "none"));
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("cannot read it"), twice.err());

        Files.writeString(list, a + "\n" + a + "\n");
        Result dup = prestage("run", RECIPE, "--targets", list.toString(), "-p", "source=" + images);
        assertEquals(2, dup.exit());
        assertTrue(dup.err().contains("is listed twice"), dup.err());

        Path b = Files.createDirectories(dir.resolve("b"));
        Result noSource = prestage("run", RECIPE, "--target", a.toString(), "--target", b.toString(), "--json");
        assertEquals(2, noSource.exit(), "every client refused the same bad input and none changed: " + noSource.err());
        assertTrue(client(noSource.json(), a.toString()).get("error").asText().contains("source"), noSource.out());

        Result limit = prestage("run", RECIPE, "--target", a.toString(), "--limit", "x");
        assertEquals(2, limit.exit());
        Result verb = prestage("status", "C:\\", "--target", a.toString(), "--target", a.toString());
        assertEquals(2, verb.exit());
        assertTrue(verb.err().contains("only 'prestage run' takes several clients"), verb.err());
        Result forks = prestage("run", RECIPE, "--target", a.toString(), "--target", dir.toString(), "--forks", "0", "--json");
        assertEquals(2, forks.exit());
        assertEquals(2, forks.json().get("exitCode").asInt(), forks.out());
        for (Path client : List.of(a, b)) {
            try (var files = Files.list(client)) {
                assertEquals(0, files.count(), "nothing was changed");
            }
        }
    }
}
