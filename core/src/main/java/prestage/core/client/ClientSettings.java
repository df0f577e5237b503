package prestage.core.client;

import java.util.Map;

/**
 * How a run's clients keep what they keep, as the user set it outside the command line. Core reads no environment
 * variable or system property: the face that starts a run builds these (with {@link #from}) and hands them to
 * {@code Clients.open(spec, registry, settings)} (package {@code client.open}), so a test, a fleet run or the console can give each run its own.
 *
 * @param ntaclXattr where a plain folder keeps NT descriptors ({@code user.NTACL} or {@code security.NTACL}); null for
 *                   {@code user.NTACL}
 * @param posixAcl   the group Administrators stand for when descriptors are mirrored to POSIX ACLs (a name, a gid, or
 *                   {@code yes} for each file's own group); null for no mirror
 * @param logon      how machines on the network are logged on to ({@code --auth}, {@code --credentials},
 *                   {@code --keytab}, {@code --principal}); never null
 */
public record ClientSettings(Setting ntaclXattr, Setting posixAcl, Logon logon, ServiceChanges serviceChanges) {
    public static final String NTACL_XATTR_PROPERTY = "prestage.ntacl.xattr";
    public static final String NTACL_XATTR_ENV = "PRESTAGE_NTACL_XATTR";
    public static final String POSIX_ACL_PROPERTY = "prestage.posix.acl";
    public static final String POSIX_ACL_ENV = "PRESTAGE_POSIX_ACL";

    /** Nothing set: descriptors in {@code user.NTACL}, no POSIX mirror. */
    public static final ClientSettings DEFAULTS = new ClientSettings(null, null);

    public ClientSettings {
        if (logon == null) logon = Logon.NONE;
        if (serviceChanges == null) serviceChanges = ServiceChanges.ALLOWED;
    }

    public ClientSettings(Setting ntaclXattr, Setting posixAcl, Logon logon) {
        this(ntaclXattr, posixAcl, logon, ServiceChanges.ALLOWED);
    }

    public ClientSettings(Setting ntaclXattr, Setting posixAcl) {
        this(ntaclXattr, posixAcl, Logon.NONE);
    }

    /** These settings with {@code logon} for machines on the network (a fleet gives each client its own). */
    public ClientSettings withLogon(Logon logon) {
        return new ClientSettings(ntaclXattr, posixAcl, logon, serviceChanges);
    }

    /** These settings, with what the run may do to a remote client's services. */
    public ClientSettings withServiceChanges(ServiceChanges changes) {
        return new ClientSettings(ntaclXattr, posixAcl, logon, changes);
    }

    /**
     * One value and where the user set it, so that a bad value is reported under the name they typed.
     *
     * @param source {@code PRESTAGE_NTACL_XATTR} or {@code -Dprestage.ntacl.xattr}
     */
    public record Setting(String value, String source) {
    }

    public static ClientSettings ntaclXattr(String value) {
        return new ClientSettings(new Setting(value, NTACL_XATTR_ENV), null);
    }

    public static ClientSettings posixAcl(String value) {
        return new ClientSettings(null, new Setting(value, POSIX_ACL_ENV));
    }

    /**
     * The settings a user gave: a system property ({@code -Dprestage.ntacl.xattr=...}) wins over the environment
     * variable ({@code PRESTAGE_NTACL_XATTR=...}); blank counts as not set.
     */
    public static ClientSettings from(Map<String, String> environment, Map<?, ?> systemProperties) {
        return new ClientSettings(pick(environment, systemProperties, NTACL_XATTR_ENV, NTACL_XATTR_PROPERTY),
                pick(environment, systemProperties, POSIX_ACL_ENV, POSIX_ACL_PROPERTY));
    }

    private static Setting pick(Map<String, String> environment, Map<?, ?> properties, String env, String property) {
        Object p = properties.get(property);
        if (p != null && !p.toString().isBlank()) return new Setting(p.toString(), "-D" + property);
        String e = environment.get(env);
        if (e != null && !e.isBlank()) return new Setting(e, env);
        return null;
    }
}
