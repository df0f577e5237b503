package prestage.shell.console;

import java.time.Instant;

import org.jline.reader.impl.history.DefaultHistory;

import prestage.core.client.open.Clients;

/**
 * The console's history, with the password of any SMB address typed into a line masked before the line is kept
 * ({@code --target smb://admin:PASSWORD@pc042/C$} is refused, but it was typed): the history file is written to disk
 * and recalled with the arrow keys.
 */
final class MaskedHistory extends DefaultHistory {
    @Override
    public void add(Instant time, String line) {
        super.add(time, Clients.masked(line));
    }
}
