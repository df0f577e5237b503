package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.TestMsi;
import prestage.shell.PrestageInDomain.Run;
import prestage.smb.testing.SambaDomain;
import prestage.smb.testing.SampleImages;
import prestage.smb.testing.WindowsClientFixture;

/**
 * The whole MED-V procedure, {@code msi --run} included, against a Windows 10/11 client's defaults in a Kerberos-only
 * domain, in one run: the shipped recipe with its last step running the installer ({@code run: true}), prestage a JVM of
 * its own logging on with a keytab to the {@link SambaDomain} (NTLM disabled, signing mandatory, SMB 3.1.1), whose smbd
 * serves the client's drive (share {@value SambaDomain#WINDOWS_SHARE}) and hands {@code \PIPE\svcctl} and
 * {@code \PIPE\winreg} to the test Windows client ({@link WindowsClientFixture#behind}: impacket decodes every call, the
 * Remote Registry starts disabled and its pipe exists only while it runs, the one-shot service "runs" a stand-in msiexec).
 * <p>
 * Judges: smbcacls and smbclient allinfo (Samba's, over Kerberos), sha256sum -c in the served folder, the fixture's
 * recorded calls in order and its service table and registry, the msiexec log brought back. A second run is all ok.
 * The domain is the one KerberosCliTest and FleetOverSmbTest use ({@link SambaDomain#shared()}).
 */
@EnabledOnOs(OS.LINUX)
class WindowsClientInDomainTest {
    private static final String CODE = "{6F330B47-2577-43AD-9095-1861BA25889B}";
    private static final Path RECIPE = Path.of("../scripts/medv-prestage.groovy").toAbsolutePath().normalize();
    private static final String PRINTED_INSTALL = "println msi(params.package, VMSFOLDER: s.root, START_MEDV: 0, quiet: true)";

    @TempDir
    static Path dir;
    static SambaDomain domain;
    static Path images;
    static Path msi;

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.shared();
        images = SampleImages.random(dir.resolve("images").resolve("Win7.ckm"), 3, 7).getParent();
        Files.writeString(images.resolve("Win7.ckm.index"), "index\n");
        msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
    }

    @AfterEach
    void emptyTheDrive() throws Exception {
        // the share is this class's: each test starts from an empty drive
        domain.run(List.of("sh", "-c", "rm -rf \"$1\"/* && mkdir -p \"$1\"/Windows/Temp", "sh", domain.shareDir(SambaDomain.WINDOWS_SHARE).toString()),
                Map.of(), 30);
    }

    /** The shipped recipe, its last step running the installer on the client instead of printing the command. */
    private static Path recipeThatInstalls(Path log) throws Exception {
        String shipped = Files.readString(RECIPE);
        assertTrue(shipped.contains(PRINTED_INSTALL), "the recipe's last step changed: " + RECIPE);
        Path recipe = dir.resolve("medv-prestage.groovy");
        Files.writeString(recipe, shipped.replace(PRINTED_INSTALL,
                "msi params.package, VMSFOLDER: s.root, START_MEDV: 0, quiet: true, log: '" + log + "', run: true"));
        return recipe;
    }

    private static String[] medv(Path recipe) {
        return new String[] {"run", recipe.toString(), "--target", SambaDomain.unc(SambaDomain.WINDOWS_SHARE), "-p", "source=" + images,
            "-p", "root=W:\\", "-p", "package=" + msi, "--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN, "--json"};
    }

    @Test
    void theWholeProcedureWithTheInstallerThenASecondRunAllOk() throws Exception {
        Path log = dir.resolve("msiexec.log");
        Path recipe = recipeThatInstalls(log);
        WindowsClientFixture.preloadRegistry(dir.resolve("client"), "{\"SOFTWARE\\\\WOW6432Node\": {}}"); // an x64 client
        try (var client = WindowsClientFixture.behind(domain, dir.resolve("client"), "disabled")) {
            Run first = PrestageInDomain.prestage(domain, Map.of(), List.of(), medv(recipe));
            assertEquals(0, first.exit(), first.out() + first.err() + client.stderr());
            List<String> states = KerberosCliTest.states(first.json());
            assertEquals(List.of("changed"), states.stream().distinct().toList(), first.out());
            JsonNode install = first.json().get("steps").get(first.json().get("steps").size() - 1);
            assertTrue(install.toString().contains("msi"), install.toString());

            // files, ACLs, read-only mark, hashes: Samba's tools and coreutils
            PrestageInDomain.judgeStore(domain, SambaDomain.WINDOWS_SHARE);
            // PrestagedImagesPath, in the 32-bit view of the client's registry, as impacket decoded the write
            JsonNode kidaro = client.registry().get("SOFTWARE\\WOW6432Node\\Kidaro");
            assertEquals("W:\\MED-V Images\\PrestagedImages", utf16(kidaro.get("PrestagedImagesPath")), client.registry().toString());

            // the service manager's calls, in order, as impacket decoded them
            String sha = sha256(msi);
            String service = "prestage-msi-" + sha.substring(0, 12);
            String binPath = "%COMSPEC% /c start \"\" /b %COMSPEC% /c W:\\Windows\\Temp\\prestage\\" + sha + "\\install.cmd";
            List<String> changes = changes(client.calls());
            assertEquals(List.of(
                    "RChangeServiceConfigW RemoteRegistry start=3", "RStartServiceW RemoteRegistry",
                    "BaseRegSetValue SOFTWARE\\WOW6432Node\\Kidaro PrestagedImagesPath",
                    "RCreateServiceW " + service + " start=3 binPath=" + binPath, "RStartServiceW " + service, "exited " + service + " 0",
                    "RDeleteService " + service, "RControlService RemoteRegistry 1", "RChangeServiceConfigW RemoteRegistry start=4"), changes,
                    client.calls().toString());
            JsonNode created = client.calls().stream().filter(c -> c.get("op").asText().equals("RCreateServiceW")).findFirst().orElseThrow();
            assertTrue(created.get("account").isNull(), created.toString()); // no account: LocalSystem (MS-SCMR 3.1.4.12)
            assertEquals(0x10, created.get("type").asInt(), created.toString()); // SERVICE_WIN32_OWN_PROCESS

            // what msiexec was given, and its log brought back
            List<JsonNode> runs = client.msiexecRuns();
            assertEquals(1, runs.size(), runs.toString());
            assertTrue(runs.get(0).toString().contains("VMSFOLDER=W:\\\\MED-V Images"), runs.toString());
            assertTrue(Files.readString(log, StandardCharsets.UTF_16LE).contains("Installation completed successfully"));

            // the client as it began: RemoteRegistry disabled and stopped, no service, no temporary files
            assertAsItBegan(client);

            Run second = PrestageInDomain.prestage(domain, Map.of(), List.of(), medv(recipe));
            assertEquals(0, second.exit(), second.out() + second.err());
            assertTrue(KerberosCliTest.states(second.json()).stream().allMatch("ok"::equals), second.out());
            assertEquals(1, client.msiexecRuns().size(), "installed again");
            assertAsItBegan(client);
        }
    }

    private static String[] push() throws Exception {
        return new String[] {"push", images.toString(), "--to", "W:\\MED-V Images\\PrestagedImages", "--target",
            SambaDomain.unc(SambaDomain.WINDOWS_SHARE), "--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN, "--json"};
    }

    private static void store() throws Exception {
        Run store = PrestageInDomain.prestage(domain, Map.of(), List.of(), "store", "W:\\", "--target", SambaDomain.unc(SambaDomain.WINDOWS_SHARE),
                "--keytab", domain.adminKeytab().toString(), "--principal", SambaDomain.ADMIN);
        assertEquals(0, store.exit(), store.out() + store.err());
    }

    /** A call that changes the client: a service, or the registry (a warning writes nothing). */
    private static boolean changesTheClient(JsonNode call) {
        return call.get("op").asText().matches("RChangeServiceConfigW|RStartServiceW|RControlService|RCreateServiceW|RDeleteService"
                + "|BaseRegCreateKey|BaseRegSetValue");
    }

    @Test
    void pushDoesNotStartTheRemoteRegistryForItsMedvWarningAndSaysItDidNotCheck() throws Exception {
        store();
        try (var client = WindowsClientFixture.behind(domain, dir.resolve("push-disabled"), "disabled")) {
            Run push = PrestageInDomain.prestage(domain, Map.of(), List.of(), push());
            assertEquals(0, push.exit(), push.out() + push.err());
            JsonNode warnings = push.json().get("warnings");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).asText().contains("whether MED-V is installed on"), warnings.toString());
            assertTrue(warnings.get(0).asText().contains("was not checked: its Remote Registry service is not running"), warnings.toString());
            assertTrue(client.calls().stream().noneMatch(WindowsClientInDomainTest::changesTheClient), client.calls().toString());
            assertAsItBegan(client);
        }
    }

    @Test
    void pushWarnsWhereMedvIsInstalledAndTheRemoteRegistryRuns() throws Exception {
        store();
        String name = "4d006900630072006f0073006f0066007400200045006e007400650072007000720069007300650020004400650073006b0074006f0070"
                + "0020005600690072007400750061006c0069007a006100740069006f006e000000"; // Microsoft Enterprise Desktop Virtualization
        WindowsClientFixture.preloadRegistry(dir.resolve("push-running"), "{\"SOFTWARE\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall"
                + "\\\\" + CODE + "\": {\"DisplayName\": [1, \"" + name + "\"], \"DisplayVersion\": [1, \"31002e0030002e00360035000000\"]}}");
        try (var client = WindowsClientFixture.behind(domain, dir.resolve("push-running"), "running")) {
            Run push = PrestageInDomain.prestage(domain, Map.of(), List.of(), push());
            assertEquals(0, push.exit(), push.out() + push.err());
            JsonNode warnings = push.json().get("warnings");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).asText().contains("MED-V is installed on"), warnings.toString());
            assertTrue(warnings.get(0).asText().contains("Microsoft Enterprise Desktop Virtualization 1.0.65"), warnings.toString());
            assertTrue(client.calls().stream().noneMatch(WindowsClientInDomainTest::changesTheClient), client.calls().toString());
        }
    }

    /** The calls that change something (and the one-shot service's exit), one line each. */
    private static List<String> changes(List<JsonNode> calls) {
        var out = new ArrayList<String>();
        for (JsonNode c : calls) {
            String op = c.get("op").asText();
            switch (op) {
                case "RChangeServiceConfigW" -> out.add(op + " " + c.get("service").asText() + " start=" + c.get("start").asLong());
                case "RStartServiceW", "RDeleteService" -> out.add(op + " " + c.get("service").asText());
                case "RControlService" -> out.add(op + " " + c.get("service").asText() + " " + c.get("control").asInt());
                case "RCreateServiceW" -> out.add(op + " " + c.get("service").asText() + " start=" + c.get("start").asInt() + " binPath="
                        + c.get("binPath").asText());
                case "BaseRegSetValue" -> out.add(op + " " + c.get("key").asText() + " " + c.get("name").asText());
                case "BaseRegCreateKey" -> { } // creating a key that is there already changes nothing
                case "exited" -> out.add(op + " " + c.get("service").asText() + " " + c.get("status").asInt());
                default -> { }
            }
        }
        return out;
    }

    /** RemoteRegistry disabled and stopped (as it began), no prestage service, nothing under W:\\Windows\\Temp\\prestage. */
    private static void assertAsItBegan(WindowsClientFixture client) throws Exception {
        JsonNode services = client.services();
        services.fieldNames().forEachRemaining(n -> assertFalse(n.startsWith("prestage"), "service left: " + n));
        assertEquals(4, services.get("remoteregistry").get("start").asInt(), "RemoteRegistry disabled again");
        assertEquals(1, services.get("remoteregistry").get("state").asInt(), "RemoteRegistry stopped again");
        assertFalse(Files.exists(client.drive().resolve("Windows/Temp/prestage")), "files left under W:\\Windows\\Temp\\prestage");
        assertEquals("", domain.run(List.of("sh", "-c", "ls " + SambaDomain.NCALRPC_DIR + "/np | grep -x winreg || true"), Map.of(), 10).out(),
                "\\PIPE\\winreg is there with the Remote Registry stopped");
    }

    /** A REG_SZ as the fixture stores it: [type, hex of UTF-16LE with its NUL]. */
    private static String utf16(JsonNode value) {
        assertEquals(1, value.get(0).asInt(), value.toString());
        return new String(HexFormat.of().parseHex(value.get(1).asText()), StandardCharsets.UTF_16LE).replaceAll("\u0000+$", "");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
