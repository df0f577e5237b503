package prestage.shell.console;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;

/**
 * Windows paths completed against the client's own drive ({@code C:\MED-V Images\P} offers
 * {@code C:\MED-V Images\PrestagedImages\}), through {@link Client#list}, so a folder, an ntfs-3g volume and a live
 * Windows machine are completed alike. Names compare without case, as Windows compares them.
 */
final class ClientPathCompleter {
    private final Supplier<Client> client;

    /** @param client the console's client, or null when it cannot be opened */
    ClientPathCompleter(Supplier<Client> client) {
        this.client = client;
    }

    void complete(String word, List<Candidate> candidates) {
        if (word.isEmpty()) {
            candidates.add(new Candidate("C:\\", "C:\\", null, null, null, null, false));
            return;
        }
        int cut = word.lastIndexOf('\\');
        if (cut < 0) return; // not a drive path yet
        Client c = client.get();
        if (c == null) return;
        String folderText = word.substring(0, cut + 1);
        String start = word.substring(cut + 1).toLowerCase(Locale.ROOT);
        try {
            ClientPath folder = asStored(c, c.path(folderText));
            String parent = folder.asFolder();
            for (FileEntry e : c.list(folder)) {
                if (!e.name().toLowerCase(Locale.ROOT).startsWith(start)) continue;
                String value = parent + e.name() + (e.isFolder() ? "\\" : "");
                candidates.add(new Candidate(value, e.name() + (e.isFolder() ? "\\" : ""), null, null, null, null, !e.isFolder()));
            }
        } catch (Exception e) {
            // a path that does not parse or a folder that cannot be listed has nothing to offer
        }
    }

    /** {@code c:\med-v images} as the client spells it, {@code C:\MED-V Images}, so what was typed is put right. */
    private static ClientPath asStored(Client c, ClientPath typed) throws java.io.IOException {
        ClientPath out = ClientPath.root(typed.drive());
        for (String name : typed.names()) {
            String stored = name;
            for (FileEntry e : c.list(out)) {
                if (e.name().equalsIgnoreCase(name)) {
                    stored = e.name();
                    if (e.name().equals(name)) break;
                }
            }
            out = out.resolve(stored);
        }
        return out;
    }
}
