package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import prestage.smb.testing.SambaDomain;

/**
 * prestage as users run it against a Kerberos domain: a JVM of its own (this module's classes and libraries, its
 * {@code Main}) started inside the {@link SambaDomain}'s namespaces, where the domain's names resolve, with
 * {@code KRB5_CONFIG} (and whatever else a test sets: {@code KRB5CCNAME}) as a shell would give them.
 */
final class PrestageInDomain {
    private PrestageInDomain() {
    }

    /** What prestage printed and its exit status. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }

        /** The last line of stderr: where a failure's one line is. */
        String lastLine() {
            var lines = err.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /** {@code prestage ARGS} with {@code env} added and {@code jvmOptions} before the class path; the admin password must not show. */
    static Run prestage(SambaDomain domain, Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, "prestage.shell.Main"));
        cmd.addAll(List.of(args));
        var environment = new HashMap<String, String>();
        environment.put("PRESTAGE_SMB_USER", null);
        environment.put("PRESTAGE_SMB_PASSWORD", null);
        environment.put("PRESTAGE_SMB_CREDENTIALS", null);
        environment.putAll(env);
        SambaDomain.Result r = domain.run(cmd, environment, 300);
        assertFalse(r.out().contains(SambaDomain.ADMIN_PASSWORD) || r.err().contains(SambaDomain.ADMIN_PASSWORD), "a password was printed");
        return new Run(r.exit(), r.out(), r.err());
    }

    /**
     * What the MED-V procedure leaves on a share of the domain, as Samba's tools and coreutils see it: the protected
     * ACL (smbcacls), the read-only image (smbclient allinfo), every image whole (sha256sum -c), the registry value
     * pointing at {@code drive}'s store (net rpc registry).
     */
    static void judge(SambaDomain domain, String share, String drive) throws Exception {
        judgeStore(domain, share);
        String value = domain.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "PrestagedImagesPath");
        assertTrue(value.contains(drive + "\\MED-V Images\\PrestagedImages"), value);
    }

    /** The store's part of {@link #judge}: the ACL, the read-only image, every image whole. */
    static void judgeStore(SambaDomain domain, String share) throws Exception {
        String acl = domain.smbcacls(share, "MED-V Images");
        assertTrue(acl.contains("CONTROL:0x9404") && acl.contains("ACL:S-1-5-11:0/0x3/0x0012008d"), acl);
        String allinfo = domain.smbclient(share, "allinfo \"MED-V Images/PrestagedImages/Win7.ckm\"");
        assertTrue(allinfo.lines().anyMatch(l -> l.startsWith("attributes:") && l.substring(11).strip().split(" ")[0].contains("R")), allinfo);
        Path served = domain.shareDir(share).resolve("MED-V Images/PrestagedImages");
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS").directory(served.toFile()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), checked);
    }
}
