package prestage.shell;

import java.io.IOException;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code --json} promise: stdout holds exactly one JSON document whatever happened (a run, a usage error, an
 * unknown option, help), and nothing else. A command's own document passes through; anything else a run wrote to
 * stdout, or nothing at all, is wrapped as {@code {"exitCode":2,"error":"..."}}.
 */
final class JsonContract {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonContract() {
    }

    /** Whether the user asked for JSON: the option anywhere before a {@code --} that ends the options. */
    static boolean requested(String[] args) {
        for (String a : args) {
            if (a.equals("--")) return false;
            if (a.equals("--json")) return true;
        }
        return false;
    }

    /**
     * @param stdout what the command wrote to stdout
     * @param exit   its exit status
     * @param error  the one-line error it reported on stderr, or null
     */
    static String document(String stdout, int exit, String error) {
        String text = stdout.strip();
        if (!text.isEmpty()) {
            JsonNode node = parse(text);
            if (node instanceof ObjectNode object) {
                if (!object.has("exitCode")) object.put("exitCode", exit);
                if (error != null && !object.has("error") && exit != 0) object.put("error", error);
                return write(object);
            }
        }
        var doc = new LinkedHashMap<String, Object>();
        doc.put("exitCode", exit);
        if (error != null) doc.put("error", error);
        else if (exit != 0) doc.put("error", "exit status " + exit);
        if (!text.isEmpty()) doc.put("output", text);
        return write(MAPPER.valueToTree(doc));
    }

    /** The text as one JSON document, or null when it is not exactly one. */
    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

}
