package prestage.shell.fleet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import prestage.core.BadInputException;

/** {@code --retry-failed RESULTS.json}: the clients of an earlier fleet run's {@code --json} document that did not finish. */
public final class RetryFile {
    private RetryFile() {
    }

    /** The clients to run again, with the target, registry and parameters they had; empty when every client finished. */
    public static List<FleetMember> unfinished(Path results) {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(results.toFile());
        } catch (IOException e) {
            throw new BadInputException("--retry-failed " + results + ": not a fleet run's JSON document (" + firstLine(e.getMessage())
                    + "); give the file that 'prestage run ... --json > FILE' wrote");
        }
        if (doc == null || !FleetReport.FORMAT.equals(doc.path("format").asText()) || !doc.path("clients").isArray()) {
            throw new BadInputException("--retry-failed " + results + ": not a fleet run's JSON document (no \"format\": \"" + FleetReport.FORMAT
                    + "\" with \"clients\"); give the file that 'prestage run ... --json > FILE' wrote");
        }
        var members = new ArrayList<FleetMember>();
        int i = 0;
        for (JsonNode c : doc.path("clients")) {
            i++;
            if (c.path("finished").asBoolean(false)) continue;
            String name = c.path("name").asText(null);
            String target = c.path("target").asText(null);
            if (name == null || target == null) {
                throw new BadInputException("--retry-failed " + results + ": client " + i + " has no name or target; the file was changed by hand or cut short");
            }
            var params = new LinkedHashMap<String, String>();
            c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            String registry = c.path("registry").isTextual() ? c.path("registry").asText() : null;
            members.add(new FleetMember(name, target, registry, params, LogonVars.fromJson(c.path("logon"))));
        }
        return members;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
