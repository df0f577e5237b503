package prestage.shell.run;


import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import prestage.core.BadInputException;
import prestage.core.client.ClientSettings;
import prestage.core.client.ServiceChanges;
import prestage.core.client.Logon;

/** Options every command takes, before or after the verb; the one nearest the verb wins. */
public final class GlobalOptions {
    @Option(names = "--target", paramLabel = "PATH|live|\\\\HOST\\C$",
            description = "The client: a folder or ntfs-3g mount point standing for its C: drive, 'live' (the default on Windows), "
                    + "or a Windows machine on the network: \\\\HOST\\C$ or smb://[DOMAIN;]USER@HOST[:PORT]/C$."
                    + " 'prestage run' takes it more than once: one run per client.")
    List<String> target;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "For a machine on the network: a file in smbclient's -A format (username = , password = , domain = ); "
                    + "else PRESTAGE_SMB_USER and PRESTAGE_SMB_PASSWORD. Never a password on the command line.")
    String credentials;

    @Option(names = "--auth", paramLabel = "kerberos|ntlm|auto",
            description = "How to log on to a machine on the network: kerberos (a ticket from kinit, --keytab, or the --credentials password),"
                    + " ntlm (a password; workgroups), or auto (the default: Kerberos when --keytab is given or a ticket cache is there and no"
                    + " password was given). Kerberos needs the computer's DNS name in --target. See docs/kerberos.md.")
    String auth;

    @Option(names = "--keytab", paramLabel = "FILE",
            description = "Log on with Kerberos using the keys in this keytab (unattended runs); needs --principal.")
    String keytab;

    @Option(names = "--principal", paramLabel = "NAME",
            description = "The Kerberos principal to log on as, e.g. prestage@CORP.EXAMPLE (with --keytab, or to pick it from the ticket cache).")
    String principal;

    @Option(names = "--registry", paramLabel = "HIVE|FILE.reg",
            description = "Where registry changes go when the target does not say (an offline hive, or a .reg file).")
    String registry;

    @Option(names = "--json", description = "Print one JSON document on stdout; human text goes to stderr.")
    Boolean json;

    @Option(names = "--what-if", description = "Compute and print the changes; change nothing (exit 3 if something would change).")
    Boolean whatIf;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of unexpected errors.")
    Boolean verbose;

    @Option(names = "--no-wait", description = "When another prestage run holds a store folder (push, verify --read-only), fail at once "
            + "instead of waiting for it.")
    Boolean noWait;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "For a machine on the network: give up on a server that has not answered a request (or connected) within SECONDS "
                    + "(default 30; 1 to 3600).")
    Integer timeout;
    @Option(names = "--no-service-changes", description = "On a Windows machine on the network, never start or create a service (the "
            + "Remote Registry service, the one-shot service msi --run installs through); fail instead, naming the command to run there.")
    Boolean noServiceChanges;

    /** Options set in code: the console started by a test or another program. */
    public static GlobalOptions of(String target, String registry, boolean whatIf) {
        var o = new GlobalOptions();
        o.target = target == null ? null : List.of(target);
        o.registry = registry;
        o.whatIf = whatIf;
        return o;
    }

    /**
     * These options for one client of a fleet run: its own target, registry and logon (each its own, else this run's), every
     * other option as given ({@code --no-wait}, credentials, what-if, -v). Its run prints no JSON of its own: the fleet
     * writes one document for all.
     */
    public GlobalOptions forClient(String clientTarget, String clientRegistry, Logon own) {
        var o = new GlobalOptions();
        o.fillFrom(this);
        if (own != null && !own.isEmpty()) { // a fleet host's logon variables over the command line's
            Logon l = own.over(logon());
            o.auth = l.auth() == null ? null : l.auth().word();
            o.credentials = l.credentials();
            o.keytab = l.keytab();
            o.principal = l.principal();
        }
        o.target = List.of(clientTarget);
        o.registry = clientRegistry != null ? clientRegistry : registry;
        o.json = false;
        return o;
    }

    /** Walks from the verb up to the root: a value given nearer the verb overrides one given before it. */
    public static GlobalOptions merged(CommandSpec spec) {
        var out = new GlobalOptions();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            var mixin = s.mixins().get("global");
            if (mixin == null || !(mixin.userObject() instanceof GlobalOptions g)) continue;
            out.fillFrom(g);
            if (s.parent() == null && s.userObject() instanceof ConsoleDefaults root && root.consoleDefaults() != null) {
                out.fillFrom(root.consoleDefaults());
            }
        }
        return out;
    }

    /** Takes each value this has not got from {@code other}. */
    private void fillFrom(GlobalOptions other) {
        if (target == null) target = other.target;
        if (credentials == null) credentials = other.credentials;
        if (auth == null) auth = other.auth;
        if (keytab == null) keytab = other.keytab;
        if (principal == null) principal = other.principal;
        if (registry == null) registry = other.registry;
        if (json == null) json = other.json;
        if (whatIf == null) whatIf = other.whatIf;
        if (verbose == null) verbose = other.verbose;
        if (noWait == null) noWait = other.noWait;
        if (timeout == null) timeout = other.timeout;
        if (noServiceChanges == null) noServiceChanges = other.noServiceChanges;
    }

    public boolean json() {
        return Boolean.TRUE.equals(json);
    }

    public boolean whatIf() {
        return Boolean.TRUE.equals(whatIf);
    }

    /** Whether a run waits for another that holds a store's lock. */
    public boolean waitForLocks() {
        return !Boolean.TRUE.equals(noWait);
    }

    public boolean verbose() {
        return Boolean.TRUE.equals(verbose);
    }

    public String registry() {
        return registry;
    }

    /** The credentials file for an SMB client, or null. */
    public String credentials() {
        return credentials;
    }

    /** Hands {@code --timeout} to the SMB client, where every client this run opens (a fleet's, a recipe's) finds it. */
    public void applyTimeout() {
        if (timeout == null) return;
        if (timeout < 1 || timeout > 3600) {
            throw new BadInputException("--timeout " + timeout + " is not between 1 and 3600 seconds; give e.g. --timeout 30");
        }
        System.setProperty(prestage.smb.connect.SmbTimeout.PROPERTY, Integer.toString(timeout));
    }

    /** The one client a verb works on; several are for {@code prestage run} only. */
    public String targetSpec() {
        if (target == null || target.isEmpty()) return null;
        if (target.size() > 1) {
            throw new BadInputException("--target is given " + target.size() + " times; only 'prestage run' takes several clients (a fleet run)");
        }
        return target.get(0);
    }

    /** Every {@code --target} given where it was given last (nearest the verb); empty for none. */
    public List<String> targetSpecs() {
        return target == null ? List.of() : List.copyOf(target);
    }

    /**
     * How the run's clients are opened: {@code -Dprestage.ntacl.xattr} or {@code PRESTAGE_NTACL_XATTR},
     * {@code -Dprestage.posix.acl} or {@code PRESTAGE_POSIX_ACL} (read here, in the shell, so that core reads no
     * environment), and the logon for machines on the network ({@link #logon()}).
     */
    public ClientSettings clientSettings() {
        return ClientSettings.from(System.getenv(), System.getProperties()).withLogon(logon()).withServiceChanges(serviceChanges());
    }

    /** What a run may do to a remote client's services: {@code --no-service-changes} refuses, {@code --what-if} only says. */
    public ServiceChanges serviceChanges() {
        return Boolean.TRUE.equals(noServiceChanges) ? ServiceChanges.REFUSED : whatIf() ? ServiceChanges.WHAT_IF : ServiceChanges.ALLOWED;
    }

    /** {@code --auth}, {@code --credentials}, {@code --keytab}, {@code --principal}: names of files and principals, no secret. */
    public Logon logon() {
        return new Logon(Logon.Auth.parse(auth, "--auth"), credentials, keytab, principal);
    }
}
