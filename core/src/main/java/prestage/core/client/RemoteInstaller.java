package prestage.core.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A client that installs a package it does not have: the package is copied to it, run there by the command the verb
 * builds for the copy's path, waited for, and everything it left for the run removed again (a network client, where
 * prestage runs a one-shot service as PsExec does). Live Windows runs msiexec itself and has none.
 */
public interface RemoteInstaller {

    /**
     * @param localPackage the package on this machine
     * @param sha256       its SHA-256 (hex), which names the folder on the client and is checked after the copy
     * @param commandLine  the msiexec command line for (package path on the client, verbose log path on the client)
     * @param localLog     where the client's log is brought back to
     * @param timeout      how long one msiexec run may take
     * @param busyRetries  how many more times to run it while another installation is in progress (1618)
     * @param busyPause    the pause before each of those
     * @param progress     one line now and then while it waits
     */
    record Request(Path localPackage, String sha256, BiFunction<String, String, String> commandLine, Path localLog, Duration timeout,
                   int busyRetries, Duration busyPause, Consumer<String> progress) {
    }

    /**
     * @param exitCode  msiexec's last exit status, empty when it did not finish in time
     * @param runs      how many times msiexec ran
     * @param command   the command line that ran on the client
     * @param log       the log brought back, if any
     * @param errors    the log's error lines (at most a few)
     * @param leftovers what could not be removed from the client, one line each (for a warning)
     */
    record Result(Optional<Integer> exitCode, int runs, String command, Optional<Path> log, List<String> errors, List<String> leftovers) {
        public Result {
            errors = List.copyOf(errors);
            leftovers = List.copyOf(leftovers);
        }
    }

    /** Where the command would run, for messages (e.g. {@code a one-shot service on HOST}). */
    String describe();

    /**
     * Installs. Under {@code ServiceChanges} refused this throws a BadInputException naming what an admin can run.
     *
     * @throws IOException when the package cannot be copied or the service cannot be created; nothing is left behind
     */
    Result install(Request request) throws IOException, InterruptedException;
}
