package prestage.core;

import java.nio.file.Path;

import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.open.Clients;
import prestage.core.client.PathSyntax;

/** This machine's paths as a client, for tests of the parts below the verbs. */
public final class TestClients {
    public static final Client NATIVE = Clients.open(null, null);

    private TestClients() {
    }

    public static ClientPath at(Path path) {
        return PathSyntax.nativePath(path.toString());
    }
}
