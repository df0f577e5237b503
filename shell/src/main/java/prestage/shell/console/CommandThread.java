package prestage.shell.console;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Runs each console line on a thread of its own, so Ctrl-C stops the command and not the console. After Ctrl-C
 * the command gets a short grace to stop and tidy up (its progress bars clear themselves); then the prompt comes
 * back whether or not it has stopped.
 */
final class CommandThread {
    private final long graceMillis;
    private final AtomicReference<Thread> running = new AtomicReference<>();
    private final AtomicBoolean stopAsked = new AtomicBoolean();

    CommandThread(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** Ctrl-C: interrupts the running command, if there is one. */
    void interrupt() {
        Thread t = running.get();
        if (t != null) {
            stopAsked.set(true);
            t.interrupt();
        }
    }

    /** The command's exit status; 1 when it failed unexpectedly or had not stopped within the grace. */
    int run(IntSupplier work, PrintWriter out) {
        var task = new CompletableFuture<Integer>();
        Thread worker = new Thread(() -> {
            try {
                task.complete(work.getAsInt());
            } catch (Throwable t) {
                task.completeExceptionally(t);
            }
        }, "prestage-command");
        worker.setDaemon(true); // a command that ignores Ctrl-C must not keep the JVM alive after the console ends
        stopAsked.set(false);
        running.set(worker);
        worker.start();
        try {
            while (!stopAsked.get()) {
                try {
                    return task.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // poll: Ctrl-C arrives on another thread
                }
            }
            try {
                return task.get(graceMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                out.println("prestage: interrupted; the command is still stopping in the background");
                out.flush();
                return 1;
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExitRequested exit) throw exit;
            out.println("prestage: failed: " + e.getCause());
            out.flush();
            return 1;
        } finally {
            running.set(null);
        }
    }
}
