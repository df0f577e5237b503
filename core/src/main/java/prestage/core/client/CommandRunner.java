package prestage.core.client;

import java.io.IOException;
import java.util.List;

/** A client's role as a place that runs commands (the client's installer); only some clients have it. */
public interface CommandRunner {
    /** Runs {@code command} on the client and returns its exit status. */
    int run(List<String> command) throws IOException, InterruptedException;
}
