package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.Smbd;

/** The CLI contract of issue 9: one JSON document always, the empty-DACL guard, status counts, read-only as Samba shows it. */
@DisabledOnOs(OS.WINDOWS)
class CliContractTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private static JsonNode onlyDocument(Prestage.Result r) throws IOException {
        JsonNode doc = STRICT.readTree(r.out());
        assertEquals(r.exit(), doc.get("exitCode").asInt(), r.out());
        return doc;
    }

    @Test
    void withJsonStdoutIsOneDocumentForEveryExitStatus() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        var usage = prestage("--json", "push", "--to", "C:\\x");
        assertEquals(2, usage.exit());
        assertEquals("Missing required parameter: 'SOURCE' (see 'prestage push --help')", onlyDocument(usage).get("error").asText());
        var unknownOption = prestage("store", "C:\\", "--frobnicate", "--json", "--target", client.toString());
        assertEquals(2, unknownOption.exit());
        assertTrue(onlyDocument(unknownOption).get("error").asText().contains("--frobnicate"), unknownOption.out());
        var unknownCommand = prestage("--json", "frobnicate");
        assertTrue(onlyDocument(unknownCommand).get("error").asText().startsWith("unknown command 'frobnicate'"), unknownCommand.out());
        var help = prestage("--json", "store", "--help");
        assertEquals(0, help.exit());
        assertTrue(onlyDocument(help).get("output").asText().contains("Usage: prestage store"), help.out());
        var badTarget = prestage("--json", "store", "C:\\", "--target", dir.resolve("nope").toString());
        assertEquals(2, badTarget.exit());
        assertTrue(onlyDocument(badTarget).get("error").asText().startsWith("--target "), badTarget.out());
        // a verb stopped by bad input still reports the run's shape (command, target, steps so far)
        var badInput = prestage("--json", "acl", "apply", "C:\\", "garbage", "--target", client.toString());
        JsonNode doc = onlyDocument(badInput);
        assertEquals(2, badInput.exit(), badInput.err());
        assertEquals("prestage acl apply", doc.get("command").asText());
        assertTrue(doc.get("error").asText().contains("garbage"), badInput.out());
        var fine = prestage("--json", "store", "C:\\", "--target", client.toString());
        assertEquals(0, fine.exit(), fine.err());
        assertEquals("changed", onlyDocument(fine).get("steps").get(0).get("status").asText());
    }

    @Test
    void anEmptyDaclNeedsForceAndSaysWhy() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        assertEquals(0, prestage("store", "C:\\", "--target", client.toString()).exit());
        var refused = prestage("acl", "apply", "C:\\MED-V Images", "D:", "--target", client.toString());
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertEquals("prestage: acl apply C:\\MED-V Images: the ACL 'D:' leaves C:\\MED-V Images with a DACL that grants no one access: "
                + "an empty DACL locks everyone out, SYSTEM and Administrators included (only the owner could still change it); "
                + "give --force if that is what you want", refused.err().strip());
        assertTrue(prestage("acl", "show", "C:\\MED-V Images", "--target", client.toString()).err().contains("no NT security descriptor"));
        var forced = prestage("acl", "apply", "C:\\MED-V Images", "D:P", "--force", "--target", client.toString());
        assertEquals(0, forced.exit(), forced.out() + forced.err());
        assertEquals("D:PAI", prestage("acl", "show", "C:\\MED-V Images", "--target", client.toString()).out().strip());
    }

    @Test
    void statusLinesAddUpToItsSummary() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("A.ckm"), new byte[1000]);
        String t = client.toString();
        assertEquals(0, prestage("store", "C:\\", "--target", t).exit());
        assertEquals(0, prestage("push", src.toString(), "--to", "C:\\MED-V Images\\PrestagedImages", "--target", t).exit());
        var status = prestage("status", "C:\\", "--target", t);
        assertEquals(3, status.exit(), status.out() + status.err());
        List<String> lines = status.out().lines().toList();
        Map<String, Integer> counted = new java.util.HashMap<>();
        for (String l : lines.subList(0, lines.size() - 1)) {
            if (l.startsWith(" ")) continue;
            counted.merge(l.split("\\s+")[0], 1, Integer::sum);
        }
        String summary = lines.get(lines.size() - 1);
        assertEquals(counted.getOrDefault("ok", 0) + " ok, 0 changed, " + counted.getOrDefault("drift", 0) + " drift, 0 failed", summary, status.out());
        JsonNode doc = STRICT.readTree(prestage("status", "C:\\", "--target", t, "--json").out());
        int ok = 0;
        int drift = 0;
        for (JsonNode s : doc.get("steps")) {
            if (s.get("status").asText().equals("ok")) ok++;
            if (s.get("status").asText().equals("drift")) drift++;
        }
        assertEquals(ok, doc.get("summary").get("ok").asInt());
        assertEquals(drift, doc.get("summary").get("drift").asInt());
    }

    /** verify --read-only on a folder served by smbd: smbclient shows R, and status accepts a mark smbd's setmode made. */
    @Test
    void readOnlyIsWhatASambaClientSees() throws IOException {
        try (Smbd smbd = Smbd.start(dir.resolve("samba"), Map.of())) {
            String t = smbd.shareDir().toString();
            Path src = Files.createDirectories(dir.resolve("src"));
            Files.write(src.resolve("A.ckm"), new byte[1000]);
            Files.write(src.resolve("B.ckm"), new byte[2000]);
            String store = "C:\\MED-V Images\\PrestagedImages";
            assertEquals(0, prestage("store", "C:\\", "--target", t).exit());
            assertEquals(0, prestage("push", src.toString(), "--to", store, "--target", t).exit());
            assertEquals("", attributes(smbd, "MED-V Images/PrestagedImages/A.ckm"));
            var verify = prestage("verify", store, "--read-only", "--target", t);
            assertEquals(0, verify.exit(), verify.out() + verify.err());
            assertEquals("R", attributes(smbd, "MED-V Images/PrestagedImages/A.ckm"));
            assertEquals("R", attributes(smbd, "MED-V Images/PrestagedImages/B.ckm"));
            assertTrue(prestage("verify", store, "--read-only", "--target", t).out().startsWith("ok "), "a second run changes nothing");

            // a Samba client takes the mark off one file: status names it
            smbclient(smbd, "setmode \"MED-V Images/PrestagedImages/B.ckm\" -r");
            String out = prestage("status", "C:\\", "--target", t).out();
            assertTrue(out.contains("1 of 2 image file(s) not read-only"), out);
            assertTrue(out.contains("~ B.ckm is writable"), out);
        }
    }

    private static String attributes(Smbd smbd, String name) throws IOException {
        String out = smbclient(smbd, "allinfo \"" + name + "\"");
        Matcher m = Pattern.compile("(?m)^attributes: *(\\S*) *\\(([0-9a-f]+)\\)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String smbclient(Smbd smbd, String command) throws IOException {
        var cmd = new ArrayList<String>(List.of("smbclient", smbd.unc()));
        cmd.addAll(smbd.credentials());
        cmd.addAll(List.of("-c", command));
        return smbd.client(cmd);
    }
}
