package prestage.shell.console;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import prestage.core.client.Client;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RootKey;

/**
 * Registry keys completed against the registry the client's commands would change (its offline hive, a .reg file
 * or the live registry: {@link Client#registry}): the root keys first, then the subkeys the backend lists.
 */
final class RegistryKeyCompleter {
    private final Supplier<Client> client;

    RegistryKeyCompleter(Supplier<Client> client) {
        this.client = client;
    }

    void complete(String word, List<Candidate> candidates) {
        int cut = word.lastIndexOf('\\');
        if (cut < 0) {
            for (RootKey root : RootKey.values()) {
                candidates.add(new Candidate(root.shortName() + "\\", root.shortName() + "\\", null, root.longName(), null, null, false));
            }
            return;
        }
        Client c = client.get();
        if (c == null) return;
        String parentText = word.substring(0, cut + 1);
        String start = word.substring(cut + 1).toLowerCase(Locale.ROOT);
        try {
            var parent = RegLocation.physical(RegistryKeyPath.parse(parentText, warning -> { }));
            for (String name : c.registry().subkeys(parent)) {
                if (!name.toLowerCase(Locale.ROOT).startsWith(start)) continue;
                candidates.add(new Candidate(parentText + name + "\\", name + "\\", null, null, null, null, false));
            }
        } catch (Exception e) {
            // no registry behind this client, or the key is not there: nothing to offer
        }
    }
}
