package prestage.shell.fleet;

import java.util.Map;

import prestage.core.client.Logon;

/**
 * One client of a fleet run.
 *
 * @param name     how the recap names it: the inventory host name, else the target as given
 * @param target   its {@code --target} spec (a folder, a mount point, {@code \\host\C$}, {@code smb://...})
 * @param registry its {@code --registry}, or null to let the client decide
 * @param params   the recipe parameters of this client only (host variables); the command line's {@code -p} win over them
 * @param logon    how to log on to this client (host variables {@code prestage_auth}, {@code prestage_keytab}, ...), over
 *                 the command line's {@code --auth}, {@code --keytab}, ...; {@link Logon#NONE} for the run's
 */
public record FleetMember(String name, String target, String registry, Map<String, String> params, Logon logon) {
    public FleetMember {
        params = Map.copyOf(params);
        if (logon == null) logon = Logon.NONE;
    }

    public FleetMember(String name, String target, String registry, Map<String, String> params) {
        this(name, target, registry, params, Logon.NONE);
    }

    /** This member with {@code registry} in place of its own. */
    public FleetMember withRegistry(String registry) {
        return new FleetMember(name, target, registry, params, logon);
    }

    public static FleetMember of(String target) {
        return new FleetMember(target, target, null, Map.of());
    }
}
