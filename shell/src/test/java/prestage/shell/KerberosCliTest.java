package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.shell.PrestageInDomain.Run;
import prestage.smb.testing.SambaDomain;
import prestage.smb.testing.SampleImages;

/**
 * prestage logging on with Kerberos to a Kerberos-only Active Directory domain: a Samba AD DC provisioned for this class
 * ({@link SambaDomain#shared()}: NTLM disabled, signing mandatory, a share with acl_xattr playing C$). prestage runs as users run
 * it, a JVM of its own started inside the domain's namespaces (with KRB5_CONFIG and KRB5CCNAME as a shell would give
 * them). Judges: smbcacls and smbclient allinfo over Kerberos, net rpc registry, sha256sum -c in the served folder.
 * Each failure is one line naming the cause and the fix, exit status 2, nothing changed on the share, no secret printed.
 */
@EnabledOnOs(OS.LINUX)
class KerberosCliTest {
    private static final String FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    @TempDir
    static Path dir;
    static SambaDomain domain;
    static Path images;

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.shared();
        domain.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node"); // play an x64 client
        images = SampleImages.random(dir.resolve("images").resolve("Win7.ckm"), 3, 7).getParent();
        Files.writeString(images.resolve("Win7.ckm.index"), "index\n");
    }

    static Run prestage(Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
        return PrestageInDomain.prestage(domain, env, jvmOptions, args);
    }

    static Run prestage(Map<String, String> env, String... args) throws Exception {
        return prestage(env, List.of(), args);
    }

    static String[] medv(String share, String... more) {
        var args = new ArrayList<>(List.of("run", "medv-prestage", "--target", SambaDomain.unc(share), "-p", "source=" + images, "--json"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static List<String> states(JsonNode doc) {
        var states = new ArrayList<String>();
        doc.get("steps").forEach(s -> states.add(s.get("status").asText()));
        return states;
    }

    @Test
    void medvRecipeWithAKeytabThenAgainAllOk() throws Exception {
        String[] args = medv(SambaDomain.C_SHARE, "--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN);
        Run first = prestage(Map.of(), args);
        assertEquals(0, first.exit(), first.err());
        assertTrue(states(first.json()).contains("changed"), first.out());
        assertFalse(states(first.json()).contains("failed"), first.out());
        judge(SambaDomain.C_SHARE, "C:");

        Run second = prestage(Map.of(), args);
        assertEquals(0, second.exit(), second.err());
        assertTrue(states(second.json()).stream().allMatch("ok"::equals), second.out());
    }

    @Test
    void medvRecipeWithTheTicketCacheOnAShareThatRequiresEncryption() throws Exception {
        Path cache = dir.resolve("user.cc");
        domain.kinit(SambaDomain.ADMIN, SambaDomain.ADMIN_PASSWORD, cache, null).requireSuccess("kinit");
        // --auth auto (the default): the ticket cache is there and no password is given, so Kerberos
        Run run = prestage(Map.of("KRB5CCNAME", "FILE:" + cache), medv(SambaDomain.ENCRYPTED_SHARE, "-p", "root=E:\\"));
        assertEquals(0, run.exit(), run.err());
        judge(SambaDomain.ENCRYPTED_SHARE, "E:");
    }

    @Test
    void passwordOfACredentialsFileGetsATicketWhenKerberosIsAskedFor() throws Exception {
        Path creds = credentials("domain = " + SambaDomain.REALM.toLowerCase());
        Run run = prestage(Map.of(), "store", "C:\\", "--target", SambaDomain.unc(SambaDomain.C_SHARE), "--auth", "kerberos",
                "--credentials", creds.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isDirectory(domain.shareDir(SambaDomain.C_SHARE).resolve("MED-V Images/PrestagedImages")));
    }

    @Test
    void aWrongPasswordForAKerberosTicket() throws Exception {
        Path creds = Files.createTempFile(dir, "wrong", "");
        Files.writeString(creds, "username = administrator\npassword = not-the-password\ndomain = " + SambaDomain.REALM.toLowerCase() + "\n");
        Run run = prestage(Map.of(), untouched("--auth", "kerberos", "--credentials", creds.toString()));
        assertFailure(run, "pre-authentication failed", "check the password");
        assertFalse(run.err().contains("not-the-password"), run.err());
    }

    @Test
    void ntlmIsRefusedWithALineThatSaysUseKerberos() throws Exception {
        String creds = credentials("domain = " + SambaDomain.DOMAIN).toString();
        Run run = prestage(Map.of(), untouched("--auth", "ntlm", "--credentials", creds));
        assertFailure(run, "refuses NTLM logons", "kinit");
        // the same line in the JSON document; the password (checked on every run) is in neither
        Run json = prestage(Map.of(), untouched("--auth", "ntlm", "--credentials", creds, "--json"));
        assertEquals(2, json.exit(), json.err());
        assertTrue(json.json().path("error").asText().contains("refuses NTLM logons"), json.out());
    }

    @Test
    void anIpAddressHasNoServiceTicket() throws Exception {
        Run run = prestage(Map.of(), "store", "C:\\", "--target", "\\\\" + SambaDomain.ADDRESS + "\\" + SambaDomain.UNTOUCHED_SHARE,
                "--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN);
        assertFailure(run, SambaDomain.ADDRESS + " is an IP address", "DNS name");
    }

    @Test
    void aHostNameTheDomainHasNoServiceFor() throws Exception {
        Run run = prestage(Map.of(), "store", "C:\\", "--target", "\\\\" + SambaDomain.ALIAS + "\\" + SambaDomain.UNTOUCHED_SHARE,
                "--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN);
        assertFailure(run, "knows no service cifs/" + SambaDomain.ALIAS, "full DNS name");
    }

    @Test
    void aKeytabWithoutThePrincipal() throws Exception {
        Run run = prestage(Map.of(), untouched("--keytab", domain.adminKeytab().toString(), "--principal", "nobody@" + SambaDomain.REALM));
        assertFailure(run, "holds no key for nobody@" + SambaDomain.REALM, "klist -k");
    }

    @Test
    void aPrincipalTheDomainDoesNotKnow() throws Exception {
        Path keytab = dir.resolve("ghost.keytab");
        domain.user("add", "ghost", "Gh0st-pass.1").requireSuccess("samba-tool user add");
        domain.exportKeytab("ghost@" + SambaDomain.REALM, keytab);
        domain.user("delete", "ghost").requireSuccess("samba-tool user delete");
        Run run = prestage(Map.of(), untouched("--keytab", keytab.toString(), "--principal", "ghost@" + SambaDomain.REALM));
        assertFailure(run, "does not know the principal ghost@" + SambaDomain.REALM, "deleted or renamed");
    }

    @Test
    void anExpiredTicket() throws Exception {
        Path cache = dir.resolve("short.cc");
        domain.kinit(SambaDomain.ADMIN, SambaDomain.ADMIN_PASSWORD, cache, "2s").requireSuccess("kinit -l 2s");
        Thread.sleep(3_000);
        Run run = prestage(Map.of("KRB5CCNAME", "FILE:" + cache), untouched("--auth", "kerberos"));
        assertFailure(run, "have expired", "kinit again");
    }

    @Test
    void noTicketCacheAtAll() throws Exception {
        Run run = prestage(Map.of("KRB5CCNAME", "FILE:" + dir.resolve("none.cc")), untouched("--auth", "kerberos"));
        assertFailure(run, "does not exist", "kinit");
    }

    @Test
    void aClockTooFarFromTheDomains() throws Exception {
        assertTrue(Files.exists(Path.of(FAKETIME)), "libfaketime is needed (apt-get install faketime)");
        // this JVM's clock runs 2 hours ahead; the KDC refuses its pre-authentication timestamp
        Run run = prestage(Map.of("LD_PRELOAD", FAKETIME, "FAKETIME", "+2h", "FAKETIME_DONT_FAKE_MONOTONIC", "1"), List.of(),
                untouched("--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN));
        assertFailure(run, "clock skew", "clock");
    }

    @Test
    void aKdcThatCannotBeReached() throws Exception {
        Path conf = dir.resolve("dead-kdc.conf");
        Files.writeString(conf, SambaDomain.krb5Conf(SambaDomain.ADDRESS + ":8899"));
        Run run = prestage(Map.of("KRB5_CONFIG", conf.toString()),
                untouched("--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN));
        assertFailure(run, "cannot reach a Kerberos KDC", conf.toString());
    }

    /** A {@code store} run against the share no test may change. */
    private static String[] untouched(String... more) {
        var args = new ArrayList<>(List.of("store", "C:\\", "--target", SambaDomain.unc(SambaDomain.UNTOUCHED_SHARE)));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Path credentials(String domainLine) throws IOException {
        Path f = Files.createTempFile(dir, "creds", "");
        Files.writeString(f, "username = administrator\npassword = " + SambaDomain.ADMIN_PASSWORD + "\n" + domainLine + "\n");
        return f;
    }

    /** Exit 2, one line with both phrases, no stack trace, and the untouched share still empty. */
    private static void assertFailure(Run run, String cause, String fix) throws IOException {
        assertEquals(2, run.exit(), run.err());
        String line = run.lastLine();
        assertTrue(line.contains(cause) && line.contains(fix), "expected '" + cause + "' and '" + fix + "' in: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        try (Stream<Path> s = Files.list(domain.shareDir(SambaDomain.UNTOUCHED_SHARE))) {
            assertEquals(List.of(), s.toList(), "a failed logon changed the share");
        }
    }

    private static void judge(String share, String drive) throws Exception {
        PrestageInDomain.judge(domain, share, drive);
    }
}
