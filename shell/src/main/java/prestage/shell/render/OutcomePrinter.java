package prestage.shell.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.client.Client;

/**
 * Shows an outcome: step lines as they happen, then a summary; or, with {@code --json}, one document
 * on stdout while the human lines go to stderr.
 */
public final class OutcomePrinter {
    /** Built on first use: an ObjectMapper costs a short command's start-up a good part of 100 ms. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean valueOnly;
    private final boolean whatIf;
    private final Palette palette;

    /**
     * @param valueOnly a read (acl show, registry get, msi): its value is the output, ok steps are not listed
     */
    public OutcomePrinter(PrintWriter out, PrintWriter err, boolean json, boolean valueOnly, boolean whatIf) {
        this(out, err, json, valueOnly, whatIf, Palette.forStandardStreams());
    }

    /** With the colours of the terminal the lines go to (the console's). */
    public OutcomePrinter(PrintWriter out, PrintWriter err, boolean json, boolean valueOnly, boolean whatIf, Palette palette) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.valueOnly = valueOnly;
        this.whatIf = whatIf;
        this.palette = palette;
    }

    /** Where people read: stdout, or stderr when stdout carries JSON. */
    public PrintWriter humanOut() {
        return json ? err : out;
    }

    public void attach(Outcome outcome) {
        outcome.onStep(this::printStep);
        outcome.onWarning(w -> {
            err.println("warning: " + w);
            err.flush();
        });
    }

    private synchronized void printStep(Step step) {
        if (valueOnly && step.status() == Status.OK) return;
        var w = humanOut();
        w.println(line(step, whatIf, palette));
        step.diff().forEach(d -> w.println("    " + d));
        w.flush();
    }

    public static String line(Step step, boolean whatIf) {
        return line(step, whatIf, Palette.NONE);
    }

    static String line(Step step, boolean whatIf, Palette palette) {
        String label = whatIf && step.status() == Status.CHANGED ? "would change" : step.status().label();
        return String.format("%s %-8s %s: %s", palette.label(step.status(), label, 8), step.verb(), step.subject(), step.message());
    }

    public int finish(String command, Client target, Outcome outcome, Object value) {
        int exit = outcome.exitCode();
        if (json && out instanceof DocumentOut documents) {
            documents.document(documentMap(command, target, outcome, value, exit));
        } else if (json) {
            out.println(document(command, target, outcome, value, exit));
        } else {
            if (value != null) out.println(value);
            boolean problems = outcome.counts().get(Status.FAILED) + outcome.counts().get(Status.DRIFT) > 0;
            if ((!valueOnly && !outcome.steps().isEmpty()) || problems) {
                humanOut().println((whatIf ? "what-if: " : "") + outcome.summary());
            }
        }
        flush();
        return exit;
    }

    public PrintWriter err() {
        return err;
    }

    /** A run that stopped on an error: the line on stderr, and for --json the document with an "error" field. */
    public void error(String command, Client target, Outcome outcome, String message, int exit) {
        err.println("prestage: " + message);
        if (json) out.println(errorDocument(command, target, outcome, message, exit));
    }

    public static String errorDocument(String command, Client target, Outcome outcome, String message, int exit) {
        try {
            Map<String, Object> doc = documentMap(command, target, outcome, null, exit);
            doc.put("error", message);
            return Json.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String document(String command, Client target, Outcome outcome, Object value, int exit) {
        try {
            return Json.MAPPER.writeValueAsString(documentMap(command, target, outcome, value, exit));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcome cannot be written as JSON", e);
        }
    }

    /** The document as a map, for a face that writes it in its own way (a fleet's journal, one line per client). */
    public static Map<String, Object> documentMap(String command, Client target, Outcome outcome, Object value, int exit) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("command", command);
        doc.put("target", target == null ? null : Map.of("kind", target.kind(),
                "description", target.describe()));
        doc.put("whatIf", outcome.whatIf());
        var steps = new ArrayList<Map<String, Object>>();
        for (Step s : outcome.steps()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("verb", s.verb());
            m.put("subject", s.subject());
            m.put("status", s.status().label());
            m.put("message", s.message());
            m.put("diff", s.diff());
            if (!s.data().isEmpty()) m.put("data", s.data());
            steps.add(m);
        }
        doc.put("steps", steps);
        doc.put("warnings", outcome.warnings());
        if (value != null) doc.put("result", value instanceof String || value instanceof Number || value instanceof Boolean ? value : value.toString());
        var summary = new LinkedHashMap<String, Object>();
        outcome.counts().forEach((k, v) -> summary.put(k.label(), v));
        doc.put("summary", summary);
        doc.put("exitCode", exit);
        return doc;
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
