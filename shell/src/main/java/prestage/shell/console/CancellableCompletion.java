package prestage.shell.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jline.reader.Candidate;
import org.jline.terminal.Terminal;

/**
 * Runs a completion that may wait on the network (listing a folder of a client over SMB, opening it first) so that
 * Ctrl-C gives the prompt back at once instead of after the server's --timeout. The line editor reads Ctrl-C as a key
 * while it completes, and only after the completion returns; so the completion runs on a thread of its own while this
 * one watches the keyboard: Ctrl-C (or an interrupt) interrupts it, abandons what it found and returns.
 */
final class CancellableCompletion {
    private static final int CTRL_C = 3;
    private static final long WATCH_MILLIS = 50;

    private final Terminal terminal;

    CancellableCompletion(Terminal terminal) {
        this.terminal = terminal;
    }

    interface Work {
        void complete(List<Candidate> candidates);
    }

    void run(Work work, List<Candidate> candidates) {
        var found = new ArrayList<Candidate>();
        var thread = new Thread[1];
        var done = CompletableFuture.runAsync(() -> {
            thread[0] = Thread.currentThread();
            work.complete(found);
        }, r -> {
            Thread t = new Thread(r, "prestage-completion");
            t.setDaemon(true);
            t.start();
        });
        try {
            while (true) {
                try {
                    done.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                    candidates.addAll(found);
                    return;
                } catch (TimeoutException e) {
                    if (ctrlC()) break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the line editor's own Ctrl-C: it clears the line
        } catch (ExecutionException e) {
            return; // a completion that fails offers nothing; the command itself will say what is wrong
        }
        if (thread[0] != null) thread[0].interrupt(); // smbj waits interruptibly: the connection attempt is given up
    }

    /**
     * Whether Ctrl-C was typed while the completion ran. It is left in the input: once the completion has returned, the
     * line editor reads it and clears the line, as Ctrl-C at the prompt does.
     */
    private boolean ctrlC() {
        try {
            return terminal.reader().peek(1) == CTRL_C;
        } catch (IOException e) {
            // no keyboard to watch: wait for the completion
        }
        return false;
    }
}
