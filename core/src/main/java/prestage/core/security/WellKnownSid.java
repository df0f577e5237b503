package prestage.core.security;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Well-known SIDs with their SDDL aliases and the English account names Windows shows for them. Names are
 * a convenience for input and display only: everything is resolved and compared by SID, because Windows
 * localizes the names (a German system says VORDEFINIERT\Administratoren).
 */
public enum WellKnownSid {
    NULL_SID("S-1-0-0", null, "NULL SID"),
    EVERYONE("S-1-1-0", "WD", "Everyone"),
    LOCAL("S-1-2-0", null, "LOCAL"),
    CONSOLE_LOGON("S-1-2-1", null, "CONSOLE LOGON"),
    CREATOR_OWNER("S-1-3-0", "CO", "CREATOR OWNER"),
    CREATOR_GROUP("S-1-3-1", "CG", "CREATOR GROUP"),
    OWNER_RIGHTS("S-1-3-4", "OW", "OWNER RIGHTS"),
    DIALUP("S-1-5-1", null, "NT AUTHORITY\\DIALUP"),
    NETWORK("S-1-5-2", "NU", "NT AUTHORITY\\NETWORK"),
    BATCH("S-1-5-3", null, "NT AUTHORITY\\BATCH"),
    INTERACTIVE("S-1-5-4", "IU", "NT AUTHORITY\\INTERACTIVE"),
    SERVICE("S-1-5-6", "SU", "NT AUTHORITY\\SERVICE"),
    ANONYMOUS("S-1-5-7", "AN", "NT AUTHORITY\\ANONYMOUS LOGON"),
    ENTERPRISE_DOMAIN_CONTROLLERS("S-1-5-9", "ED", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS"),
    SELF("S-1-5-10", "PS", "NT AUTHORITY\\SELF"),
    AUTHENTICATED_USERS("S-1-5-11", "AU", "NT AUTHORITY\\Authenticated Users"),
    RESTRICTED("S-1-5-12", "RC", "NT AUTHORITY\\RESTRICTED"),
    TERMINAL_SERVER_USER("S-1-5-13", null, "NT AUTHORITY\\TERMINAL SERVER USER"),
    REMOTE_INTERACTIVE_LOGON("S-1-5-14", null, "NT AUTHORITY\\REMOTE INTERACTIVE LOGON"),
    THIS_ORGANIZATION("S-1-5-15", null, "NT AUTHORITY\\This Organization"),
    LOCAL_SYSTEM("S-1-5-18", "SY", "NT AUTHORITY\\SYSTEM"),
    LOCAL_SERVICE("S-1-5-19", "LS", "NT AUTHORITY\\LOCAL SERVICE"),
    NETWORK_SERVICE("S-1-5-20", "NS", "NT AUTHORITY\\NETWORK SERVICE"),
    WRITE_RESTRICTED("S-1-5-33", "WR", "NT AUTHORITY\\WRITE RESTRICTED"),
    LOCAL_ACCOUNT("S-1-5-113", null, "NT AUTHORITY\\Local account"),
    LOCAL_ACCOUNT_AND_ADMINISTRATOR("S-1-5-114", null, "NT AUTHORITY\\Local account and member of Administrators group"),
    BUILTIN_ADMINISTRATORS("S-1-5-32-544", "BA", "BUILTIN\\Administrators"),
    BUILTIN_USERS("S-1-5-32-545", "BU", "BUILTIN\\Users"),
    BUILTIN_GUESTS("S-1-5-32-546", "BG", "BUILTIN\\Guests"),
    POWER_USERS("S-1-5-32-547", "PU", "BUILTIN\\Power Users"),
    ACCOUNT_OPERATORS("S-1-5-32-548", "AO", "BUILTIN\\Account Operators"),
    SERVER_OPERATORS("S-1-5-32-549", "SO", "BUILTIN\\Server Operators"),
    PRINT_OPERATORS("S-1-5-32-550", "PO", "BUILTIN\\Print Operators"),
    BACKUP_OPERATORS("S-1-5-32-551", "BO", "BUILTIN\\Backup Operators"),
    REPLICATOR("S-1-5-32-552", "RE", "BUILTIN\\Replicator"),
    PRE_WINDOWS_2000_ACCESS("S-1-5-32-554", "RU", "BUILTIN\\Pre-Windows 2000 Compatible Access"),
    REMOTE_DESKTOP_USERS("S-1-5-32-555", "RD", "BUILTIN\\Remote Desktop Users"),
    NETWORK_CONFIGURATION_OPERATORS("S-1-5-32-556", "NO", "BUILTIN\\Network Configuration Operators"),
    PERFORMANCE_MONITOR_USERS("S-1-5-32-558", "MU", "BUILTIN\\Performance Monitor Users"),
    PERFORMANCE_LOG_USERS("S-1-5-32-559", "LU", "BUILTIN\\Performance Log Users"),
    IIS_IUSRS("S-1-5-32-568", "IS", "BUILTIN\\IIS_IUSRS"),
    CRYPTOGRAPHIC_OPERATORS("S-1-5-32-569", "CY", "BUILTIN\\Cryptographic Operators"),
    EVENT_LOG_READERS("S-1-5-32-573", "ER", "BUILTIN\\Event Log Readers"),
    CERTIFICATE_SERVICE_DCOM_ACCESS("S-1-5-32-574", "CD", "BUILTIN\\Certificate Service DCOM Access"),
    RDS_REMOTE_ACCESS_SERVERS("S-1-5-32-575", "RA", "BUILTIN\\RDS Remote Access Servers"),
    RDS_ENDPOINT_SERVERS("S-1-5-32-576", "ES", "BUILTIN\\RDS Endpoint Servers"),
    RDS_MANAGEMENT_SERVERS("S-1-5-32-577", "MS", "BUILTIN\\RDS Management Servers"),
    HYPER_V_ADMINISTRATORS("S-1-5-32-578", "HA", "BUILTIN\\Hyper-V Administrators"),
    ACCESS_CONTROL_ASSISTANCE_OPERATORS("S-1-5-32-579", "AA", "BUILTIN\\Access Control Assistance Operators"),
    REMOTE_MANAGEMENT_USERS("S-1-5-32-580", "RM", "BUILTIN\\Remote Management Users"),
    TRUSTED_INSTALLER("S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", null, "NT SERVICE\\TrustedInstaller"),
    ALL_APPLICATION_PACKAGES("S-1-15-2-1", "AC", "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES"),
    LOW_MANDATORY_LEVEL("S-1-16-4096", "LW", "Mandatory Label\\Low Mandatory Level"),
    MEDIUM_MANDATORY_LEVEL("S-1-16-8192", "ME", "Mandatory Label\\Medium Mandatory Level"),
    MEDIUM_PLUS_MANDATORY_LEVEL("S-1-16-8448", "MP", "Mandatory Label\\Medium Plus Mandatory Level"),
    HIGH_MANDATORY_LEVEL("S-1-16-12288", "HI", "Mandatory Label\\High Mandatory Level"),
    SYSTEM_MANDATORY_LEVEL("S-1-16-16384", "SI", "Mandatory Label\\System Mandatory Level");

    private static final Map<Sid, WellKnownSid> BY_SID = new HashMap<>();
    private static final Map<String, WellKnownSid> BY_ALIAS = new HashMap<>();
    private static final Map<String, WellKnownSid> BY_NAME = new HashMap<>();

    static {
        Map<String, Integer> shortNameCounts = new HashMap<>();
        for (WellKnownSid w : values()) shortNameCounts.merge(key(w.shortName()), 1, Integer::sum);
        for (WellKnownSid w : values()) {
            BY_SID.put(w.sid, w);
            if (w.alias != null) BY_ALIAS.put(w.alias, w);
            BY_NAME.put(key(w.accountName), w);
            // "SYSTEM" alone is as clear as "NT AUTHORITY\SYSTEM"; skip short names two accounts share
            if (shortNameCounts.get(key(w.shortName())) == 1) BY_NAME.putIfAbsent(key(w.shortName()), w);
        }
    }

    private final Sid sid;
    private final String alias;
    private final String accountName;

    WellKnownSid(String sid, String alias, String accountName) {
        this.sid = Sid.parse(sid);
        this.alias = alias;
        this.accountName = accountName;
    }

    public Sid sid() {
        return sid;
    }

    /** The SDDL alias ({@code SY}), if SDDL has one. */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    /** {@code NT AUTHORITY\SYSTEM}, as an English Windows shows it. */
    public String accountName() {
        return accountName;
    }

    private String shortName() {
        int slash = accountName.lastIndexOf('\\');
        return slash < 0 ? accountName : accountName.substring(slash + 1);
    }

    public static Optional<WellKnownSid> bySid(Sid sid) {
        return Optional.ofNullable(BY_SID.get(sid));
    }

    /** By SDDL alias, exactly as SDDL writes it (upper case). */
    public static Optional<WellKnownSid> byAlias(String alias) {
        return Optional.ofNullable(BY_ALIAS.get(alias));
    }

    /** By English account name, with or without its domain, ignoring case. */
    public static Optional<WellKnownSid> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(key(name)));
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
