package prestage.shell.fleet;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

import prestage.core.BadInputException;
import prestage.core.client.open.Clients;
import prestage.smb.connect.SmbAddress;

/**
 * Which client a target names, whatever its spelling: a folder by its real path (a symbolic link, a trailing
 * {@code /}, {@code ..} resolved), a machine on the network by its host (any case), port and share (any case, as
 * Windows compares them). Two members of one fleet with the same identity would run at once on one client.
 */
record ClientIdentity(String key) {
    static ClientIdentity of(String target) {
        if ("live".equalsIgnoreCase(target)) return new ClientIdentity("this machine (live)");
        if (Clients.isRemote(target) || SmbAddress.looksLike(target)) {
            SmbAddress a = SmbAddress.parse(target);
            return new ClientIdentity(new SmbAddress(a.host().toLowerCase(Locale.ROOT), a.port(), a.share().toUpperCase(Locale.ROOT),
                    null, null).unc());
        }
        try {
            Path p = Path.of(target).toAbsolutePath().normalize();
            try {
                p = p.toRealPath();
            } catch (IOException e) {
                // not there (yet): the client reports that itself; its spelling, normalized, is all there is to compare
            }
            return new ClientIdentity(p.toString());
        } catch (InvalidPathException e) {
            throw new BadInputException("target '" + target + "' is not a folder path (" + e.getReason() + "): give a folder, a mount point or \\\\HOST\\C$");
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
