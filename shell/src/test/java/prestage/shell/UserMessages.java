package prestage.shell;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The message check: what a user sees (stderr, the error and message fields of a --json document) names the thing,
 * the cause and the fix, never prestage's insides. It fails on a Java class name (qualified, or an exception's simple
 * name), a raw NT status number (hex or decimal), smbj's file handles, a JSON parser's own text, and a stack trace.
 */
final class UserMessages {
    private UserMessages() {
    }

    /** What gives away internals, each with why it is refused. */
    static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\b(?:java|javax|jdk|sun|com|org|net|groovy)\\.[a-z][a-z0-9_]*\\.[A-Za-z0-9_.$]+"), // a qualified class name
            Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b"), // an exception's simple name
            Pattern.compile("\\bSMB2FileId\\b|persistentHandle|volatileHandle"), // smbj's file handles
            Pattern.compile("(?i)\\b0xc0[0-9a-f]{6}\\b"), // an NT status as a hex number
            Pattern.compile("\\b(?:3221|3222)\\d{6}\\b"), // an NT status (0xC0000000 and up) as a decimal number
            Pattern.compile("\\berrno\\b"), // a C error number
            Pattern.compile("\\[Source: |line: \\d+, column: \\d+|Unexpected character \\("), // Jackson's parse text
            Pattern.compile("\\tat [a-z]")); // a stack trace

    /** Fails naming the first internal found in {@code text} (what the user saw, described by {@code where}). */
    static void assertNoInternals(String where, String text) {
        for (Pattern p : INTERNALS) {
            var m = p.matcher(text);
            if (m.find()) fail(where + " shows '" + m.group() + "' (" + p + "):\n" + text);
        }
    }

    /** Every "error" and "message" text in a --json document. */
    static void assertNoInternals(String where, JsonNode doc) {
        if (doc == null) return;
        if (doc.isObject()) {
            doc.fields().forEachRemaining(e -> {
                if ((e.getKey().equals("error") || e.getKey().equals("message")) && e.getValue().isTextual()) {
                    assertNoInternals(where + " ." + e.getKey(), e.getValue().asText());
                } else {
                    assertNoInternals(where, e.getValue());
                }
            });
        } else if (doc.isArray()) {
            doc.forEach(d -> assertNoInternals(where, d));
        }
    }
}
