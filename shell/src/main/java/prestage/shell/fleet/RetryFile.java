package prestage.shell.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import prestage.core.BadInputException;

/**
 * {@code --retry-failed RESULTS}: the clients of an earlier fleet run that did not finish, read from either form it
 * leaves: the journal of {@code --results FILE} ({@link ResultsFile}, JSON Lines) or the document of {@code --json}
 * (also what {@code --results} wrote before it was a journal).
 */
public final class RetryFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern DOCUMENT_FORMAT = java.util.regex.Pattern.compile(
            "\"format\"\\s*:\\s*\"" + java.util.regex.Pattern.quote(FleetReport.FORMAT) + "\"");

    /**
     * @param recipe       the recipe the earlier run ran, as it wrote it
     * @param recipeSha256 its SHA-256 then, or null when the file does not say (a --json document)
     * @param unfinished   the clients to run again, with the target, registry and parameters they had
     */
    public record Retry(String recipe, String recipeSha256, List<FleetMember> unfinished) {
    }

    private RetryFile() {
    }

    /** The clients to run again; empty when every client finished. */
    public static List<FleetMember> unfinished(Path results) {
        return read(results).unfinished();
    }

    public static Retry read(Path results) {
        String firstLine;
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            firstLine = r.readLine();
        } catch (IOException e) {
            throw notResults(results, "cannot read it: " + e.getMessage());
        }
        if (firstLine != null && firstLine.contains(ResultsFile.FORMAT)) return journal(results);
        return document(results);
    }

    /** Whether {@code file} holds what a fleet run of prestage wrote (either form), judged by its beginning. */
    static boolean isResults(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[4096];
            int n = r.read(head);
            if (n <= 0) return false;
            String start = new String(head, 0, n);
            return start.startsWith("{\"format\":\"" + ResultsFile.FORMAT + "\"")
                    || start.stripLeading().startsWith("{") && DOCUMENT_FORMAT.matcher(start).find();
        } catch (IOException e) {
            return false; // not text (a disk image): not ours
        }
    }

    private static Retry journal(Path results) {
        List<String> lines;
        try {
            lines = Files.readAllLines(results, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw notResults(results, "cannot read it: " + e.getMessage());
        }
        JsonNode header = parse(results, lines.get(0), 1);
        var members = new LinkedHashMap<String, FleetMember>();
        Set<String> finished = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) continue;
            JsonNode e;
            try {
                e = JSON.readTree(text);
            } catch (IOException ex) {
                // the last line of a run killed while writing it; anything before it is whole
                if (i == lines.size() - 1) break;
                throw notResults(results, "line " + (i + 1) + " is not JSON; the file was changed by hand");
            }
            String name = e.path("name").asText(null);
            switch (e.path("event").asText("")) {
                case "client" -> members.put(name, member(results, e, i + 1));
                case "finished" -> {
                    if (e.path("finished").asBoolean(false)) finished.add(name);
                    else finished.remove(name);
                }
                default -> { }
            }
        }
        var unfinished = members.values().stream().filter(m -> !finished.contains(m.name())).toList();
        return new Retry(header.path("recipe").asText(null), header.path("recipeSha256").asText(null), unfinished);
    }

    private static Retry document(Path results) {
        JsonNode doc;
        try {
            doc = JSON.readTree(results.toFile());
        } catch (IOException e) {
            throw notResults(results, prestage.shell.run.JsonErrors.describe(e));
        }
        if (doc == null || !FleetReport.FORMAT.equals(doc.path("format").asText()) || !doc.path("clients").isArray()) {
            throw notResults(results, "no \"format\": \"" + FleetReport.FORMAT + "\" with \"clients\"");
        }
        var members = new ArrayList<FleetMember>();
        int i = 0;
        for (JsonNode c : doc.path("clients")) {
            i++;
            if (c.path("finished").asBoolean(false)) continue;
            members.add(member(results, c, i));
        }
        return new Retry(doc.path("recipe").asText(null), null, members);
    }

    private static FleetMember member(Path results, JsonNode c, int where) {
        String name = c.path("name").asText(null);
        String target = c.path("target").asText(null);
        if (name == null || target == null) {
            throw new BadInputException("--retry-failed " + results + ": client " + where + " has no name or target; the file was changed by hand or cut short");
        }
        var params = new LinkedHashMap<String, String>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        String registry = c.path("registry").isTextual() ? c.path("registry").asText() : null;
        return new FleetMember(name, target, registry, params, LogonVars.fromJson(c.path("logon")));
    }

    private static JsonNode parse(Path results, String line, int number) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw notResults(results, "line " + number + " is not JSON");
        }
    }

    private static BadInputException notResults(Path results, String why) {
        return new BadInputException("--retry-failed " + results + ": not the results of a fleet run (" + why
                + "); give the file that 'prestage run ... --results FILE' or '--json > FILE' wrote");
    }
}
