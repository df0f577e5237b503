package prestage.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The names users set keep working: the environment variable, and the system property over it. */
class ClientSettingsTest {
    @Test
    void theEnvironmentNamesAreReadAndTheSystemPropertyWins() {
        var fromEnv = ClientSettings.from(Map.of("PRESTAGE_NTACL_XATTR", "security.NTACL", "PRESTAGE_POSIX_ACL", "yes"), Map.of());
        assertEquals(new ClientSettings.Setting("security.NTACL", "PRESTAGE_NTACL_XATTR"), fromEnv.ntaclXattr());
        assertEquals(new ClientSettings.Setting("yes", "PRESTAGE_POSIX_ACL"), fromEnv.posixAcl());

        var both = ClientSettings.from(Map.of("PRESTAGE_NTACL_XATTR", "security.NTACL"), Map.of("prestage.ntacl.xattr", "user.NTACL"));
        assertEquals(new ClientSettings.Setting("user.NTACL", "-Dprestage.ntacl.xattr"), both.ntaclXattr());
        assertNull(both.posixAcl());
    }

    @Test
    void blankIsNotSet() {
        assertEquals(ClientSettings.DEFAULTS, ClientSettings.from(Map.of("PRESTAGE_NTACL_XATTR", " "), Map.of("prestage.posix.acl", "")));
    }
}
