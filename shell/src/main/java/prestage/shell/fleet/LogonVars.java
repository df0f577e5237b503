package prestage.shell.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import prestage.core.client.Logon;

/**
 * A fleet client's own logon choices, by the names an Ansible inventory gives them (documented in docs/kerberos.md,
 * which the Ansible collection follows) and as the fleet's JSON document keeps them for {@code --retry-failed}. Names of
 * files and principals only: a password never appears in an inventory variable of ours, nor in the document.
 */
public final class LogonVars {
    public static final String AUTH = "prestage_auth";
    public static final String CREDENTIALS = "prestage_credentials";
    public static final String KEYTAB = "prestage_keytab";
    public static final String PRINCIPAL = "prestage_principal";

    private LogonVars() {
    }

    /** From host variables ({@code value} gives a variable's text, or null when it is unset or blank). */
    static Logon fromHostVars(String host, UnaryOperator<String> value) {
        return new Logon(Logon.Auth.parse(value.apply(AUTH), "host " + host + ": " + AUTH), value.apply(CREDENTIALS),
                value.apply(KEYTAB), value.apply(PRINCIPAL));
    }

    static Map<String, Object> json(Logon l) {
        var m = new LinkedHashMap<String, Object>();
        if (l.auth() != null) m.put("auth", l.auth().word());
        if (l.credentials() != null) m.put("credentials", l.credentials());
        if (l.keytab() != null) m.put("keytab", l.keytab());
        if (l.principal() != null) m.put("principal", l.principal());
        return m;
    }

    static Logon fromJson(JsonNode n) {
        if (n == null || !n.isObject()) return Logon.NONE;
        return new Logon(Logon.Auth.parse(text(n, "auth"), "logon auth"), text(n, "credentials"), text(n, "keytab"), text(n, "principal"));
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }
}
