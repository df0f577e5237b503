package prestage.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@code prestage ARGS...} in this JVM, as the launcher would, and keeps what it printed. */
final class Prestage {
    private Prestage() {
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result prestage(String... args) {
        return prestage(new StringWriter(), args);
    }

    /** As {@link #prestage(String...)}, with standard error in {@code err}, which another thread can read as it grows. */
    static Result prestage(StringWriter err, String... args) {
        var out = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
