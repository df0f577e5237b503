package prestage.shell.console;

import java.util.function.Supplier;

import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.shell.run.GlobalOptions;

/**
 * The client the console's --target names, opened once on the first completion that needs it (not before the
 * prompt) and closed with the console; null when it cannot be opened, so completion offers nothing there.
 */
final class ConsoleClient implements Supplier<Client>, AutoCloseable {
    private final GlobalOptions options;
    private Client client;
    private boolean tried;

    ConsoleClient(GlobalOptions options) {
        this.options = options;
    }

    @Override
    public synchronized Client get() {
        if (!tried) {
            tried = true;
            try {
                client = Clients.open(options.targetSpec(), options.registry(), options.clientSettings());
            } catch (RuntimeException e) {
                client = null; // the commands themselves say what is wrong with the target
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client == null) return;
        try {
            client.close();
        } catch (Exception e) {
            // completion only read from it
        }
    }
}
