package prestage.shell.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client's single-run JSON document as one line of text: how the journal keeps it and --json prints it. */
final class RunDocuments {
    static final ObjectMapper JSON = new ObjectMapper();

    private RunDocuments() {
    }

    static String text(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's document cannot be written as JSON", e);
        }
    }

    /** The document of a client that was never opened (unreachable, or not attempted). */
    static String error(String message, int exit) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("command", "run");
        doc.put("target", null);
        doc.put("error", message);
        doc.put("exitCode", exit);
        return text(doc);
    }
}
