package prestage.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import prestage.shell.render.DocumentOut;

/**
 * The {@code --json} promise: stdout holds exactly one JSON document whatever happened (a run, a usage error, an
 * unknown option, help), and nothing else. A command's own document passes through; anything else a run wrote to
 * stdout, or nothing at all, is wrapped as {@code {"exitCode":2,"error":"..."}}.
 */
final class JsonContract {
    /** Made on first use: every command asks {@link #requested}, and building a mapper loads some 370 classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

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

    /** A command's stdout under {@code --json}: its text is held, its document kept as the object it is. */
    static final class Capture extends PrintWriter implements DocumentOut {
        private final StringWriter text;
        private Map<String, Object> document;

        Capture() {
            this(new StringWriter());
        }

        private Capture(StringWriter text) {
            super(text, true);
            this.text = text;
        }

        @Override
        public synchronized void document(Map<String, Object> doc) {
            if (document != null) println(JsonContract.write(Json.MAPPER.valueToTree(document))); // a second document: the text path wraps both
            document = doc;
        }
    }

    /**
     * Writes the one document for what {@code captured} holds. A command's own document, alone, is streamed to
     * {@code out} with the contract's fields added: never held as text.
     */
    static void write(PrintWriter out, Capture captured, int exit, String error) {
        captured.flush();
        String text = captured.text.toString().strip();
        Map<String, Object> doc = captured.document;
        if (doc == null || !text.isEmpty()) {
            out.println(document(doc == null ? text : text + "\n" + write(Json.MAPPER.valueToTree(doc)), exit, error));
            return;
        }
        doc.putIfAbsent("exitCode", exit);
        if (error != null && exit != 0) doc.putIfAbsent("error", error);
        try {
            Json.MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
        out.println();
    }

    /**
     * @param stdout what the command wrote to stdout
     * @param exit   its exit status
     * @param error  the one-line error it reported on stderr, or null
     */
    static String document(String stdout, int exit, String error) {
        String text = stdout.strip();
        if (!text.isEmpty()) {
            // a command's own document with its exit status passes through without a tree: a push of 10,000 files
            // writes 8 MB of JSON, and its tree was the largest thing the process ever held
            String passed = passThrough(text, error != null && exit != 0);
            if (passed != null) return passed;
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
        return write(Json.MAPPER.valueToTree(doc));
    }

    /**
     * The text written again as the tree path would write it (same pretty printer), token by token, when it is exactly
     * one object that has an {@code exitCode} (and an {@code error} when one is due); otherwise null.
     */
    private static String passThrough(String text, boolean errorDue) {
        var out = new StringWriter(text.length() + 64);
        try (JsonParser in = Json.MAPPER.createParser(text); JsonGenerator gen = Json.MAPPER.createGenerator(out).useDefaultPrettyPrinter()) {
            if (in.nextToken() != JsonToken.START_OBJECT) return null;
            gen.writeStartObject();
            boolean hasExit = false;
            boolean hasError = false;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                hasExit |= in.currentName().equals("exitCode");
                hasError |= in.currentName().equals("error");
                gen.copyCurrentStructure(in); // the name and its whole value
            }
            gen.writeEndObject();
            if (in.nextToken() != null || !hasExit || errorDue && !hasError) return null;
        } catch (IOException e) {
            return null;
        }
        return out.toString();
    }

    /** The text as one JSON document, or null when it is not exactly one. */
    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

}
