package prestage.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import prestage.core.BadInputException;
import prestage.core.client.Logon;
import prestage.core.client.Logon.Auth;

/** A fleet host's logon choices: read from inventory host variables, kept in the JSON document for --retry-failed. */
class LogonVarsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void hostVariablesGiveTheClientsLogonOverTheCommandLines() throws Exception {
        var vars = json.readTree("{\"prestage_auth\": \"Kerberos\", \"prestage_keytab\": \"/etc/prestage/p.keytab\","
                + " \"prestage_principal\": \"prestage@CORP.EXAMPLE\", \"ansible_host\": \"pc042.corp.example\"}");
        FleetMember m = AnsibleInventory.member("pc042", vars);
        assertEquals(new Logon(Auth.KERBEROS, null, "/etc/prestage/p.keytab", "prestage@CORP.EXAMPLE"), m.logon());
        assertEquals("\\\\pc042.corp.example\\C$", m.target());
        // the command line's --credentials fills what the host does not set; the host's choices win
        var run = new Logon(Auth.NTLM, "/etc/prestage/lab", null, null);
        assertEquals(new Logon(Auth.KERBEROS, "/etc/prestage/lab", "/etc/prestage/p.keytab", "prestage@CORP.EXAMPLE"), m.logon().over(run));
    }

    @Test
    void aBadAuthNamesTheHostAndTheVariable() throws Exception {
        var e = assertThrows(BadInputException.class, () -> AnsibleInventory.member("pc7", json.readTree("{\"prestage_auth\": \"krb\"}")));
        assertEquals("host pc7: prestage_auth 'krb': expected kerberos, ntlm or auto", e.getMessage());
    }

    @Test
    void theDocumentKeepsTheChoicesForRetryFailed() throws Exception {
        var logon = new Logon(Auth.KERBEROS, null, "/k.keytab", "p@R");
        var node = json.readTree(json.writeValueAsString(LogonVars.json(logon)));
        assertEquals("{\"auth\":\"kerberos\",\"keytab\":\"/k.keytab\",\"principal\":\"p@R\"}", node.toString());
        assertEquals(logon, LogonVars.fromJson(node));
        assertEquals(Logon.NONE, LogonVars.fromJson(json.readTree("null")));
    }
}
