package prestage.shell.fleet;

import java.util.Map;

/**
 * One client of a fleet run.
 *
 * @param name     how the recap names it: the inventory host name, else the target as given
 * @param target   its {@code --target} spec (a folder, a mount point, {@code \\host\C$}, {@code smb://...})
 * @param registry its {@code --registry}, or null to let the client decide
 * @param params   the recipe parameters of this client only (host variables); the command line's {@code -p} win over them
 */
public record FleetMember(String name, String target, String registry, Map<String, String> params) {
    public FleetMember {
        params = Map.copyOf(params);
        // a password written into an SMB address must reach no recap, --json or results file; the address is refused
        // anyway (a password belongs in --credentials), and refused just the same masked
        name = prestage.core.client.open.Clients.masked(name);
        target = prestage.core.client.open.Clients.masked(target);
    }

    public static FleetMember of(String target) {
        return new FleetMember(target, target, null, Map.of());
    }
}
