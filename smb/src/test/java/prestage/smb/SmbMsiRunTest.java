package prestage.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import prestage.core.BadInputException;
import prestage.core.verb.msi.MsiRunLimits;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.testing.TestMsi;
import prestage.core.client.ServiceChanges;
import prestage.smb.testing.MsiRunner;
import prestage.smb.testing.WindowsClientFixture;

/**
 * {@code msi --run} over SMB against the test Windows client: its service manager and registry are impacket's decoding
 * of what prestage sent, the installer a stand-in msiexec. The client starts with Remote Registry disabled, as
 * Windows 10/11 ship it.
 */
class SmbMsiRunTest {
    private static final String CODE = "{6F330B47-2577-43AD-9095-1861BA25889B}";
    private static final MsiRunLimits QUICK = new MsiRunLimits(Duration.ofSeconds(20), 2, Duration.ZERO);

    private static Path medv(Path dir) throws IOException {
        return TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private static List<String> ops(List<JsonNode> calls) {
        return calls.stream().map(c -> c.get("op").asText() + (c.hasNonNull("service") ? " " + c.get("service").asText() : "")).toList();
    }

    private static Step only(Outcome o) {
        assertEquals(1, o.steps().size(), o.steps().toString());
        return o.steps().get(0);
    }

    /** Nothing of the run is left: no service, no folder under Windows\Temp, RemoteRegistry as it began. */
    private static void assertClean(WindowsClientFixture client, int startType) throws IOException {
        JsonNode services = client.services();
        services.fieldNames().forEachRemaining(n -> assertFalse(n.startsWith("prestage"), "service left: " + n));
        assertFalse(Files.exists(client.drive().resolve("Windows/Temp/prestage")), "files left under C:\\Windows\\Temp\\prestage");
        assertEquals(startType, services.get("remoteregistry").get("start").asInt(), "RemoteRegistry's start type");
        assertEquals(1, services.get("remoteregistry").get("state").asInt(), "RemoteRegistry stopped");
    }

    @Test
    void installsThroughAOneShotServiceAndASecondRunIsOk(@TempDir Path dir) throws Exception {
        Path msi = medv(dir);
        String sha = sha256(msi);
        String tmp = "C:\\Windows\\Temp\\prestage\\" + sha;
        Path log = dir.resolve("out/medv.log");
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            Outcome first;
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                first = MsiRunner.run(c, msi, log, QUICK, false);
            }
            Step step = only(first);
            assertEquals(Status.CHANGED, step.status(), step.message());
            assertTrue(step.message().startsWith("installed Microsoft Enterprise Desktop Virtualization 1.0.65 through a one-shot service on 127.0.0.1"),
                    step.message());

            List<JsonNode> calls = client.calls();
            String service = "prestage-msi-" + sha.substring(0, 12);
            JsonNode created = calls.stream().filter(c -> c.get("op").asText().equals("RCreateServiceW")).findFirst().orElseThrow();
            assertEquals(service, created.get("service").asText());
            assertEquals("%COMSPEC% /c start \"\" /b %COMSPEC% /c " + tmp + "\\install.cmd", created.get("binPath").asText());
            String msiexec = "msiexec /i \"" + tmp + "\\MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\" START_MEDV=0 /quiet /l*v \"" + tmp + "\\msiexec.log\"";
            JsonNode ran = calls.stream().filter(c -> c.get("op").asText().equals("run")).findFirst().orElseThrow();
            assertEquals(List.of("@echo off", "chcp 65001 >nul", "start \"\" /wait " + msiexec, ">\"" + tmp + "\\exit-status.txt\" echo %ERRORLEVEL%"),
                    toList(ran.get("script")));
            assertEquals(msiexec, step.data().get("clientCommand"));

            // the call order: Remote Registry started (it was disabled) to look the product up, the one-shot service
            // created, started, deleted, and Remote Registry put back
            List<String> order = ops(calls).stream().filter(o -> !o.startsWith("RQueryServiceStatus") && !o.startsWith("Base") && !o.startsWith("exited")).toList();
            assertEquals(List.of("ROpenSCManagerW", "ROpenServiceW RemoteRegistry", "RQueryServiceConfigW RemoteRegistry",
                    "RChangeServiceConfigW RemoteRegistry", "RStartServiceW RemoteRegistry", "RCloseServiceHandle RemoteRegistry",
                    "ROpenServiceW " + service, "RCreateServiceW " + service, "RStartServiceW " + service, "run " + service,
                    "RDeleteService " + service, "RCloseServiceHandle " + service, "ROpenServiceW " + service,
                    "ROpenServiceW RemoteRegistry", "RControlService RemoteRegistry", "RChangeServiceConfigW RemoteRegistry",
                    "RCloseServiceHandle RemoteRegistry", "RCloseServiceHandle"), order);
            assertEquals(3, calls.stream().filter(c -> c.get("op").asText().equals("RChangeServiceConfigW")).findFirst().orElseThrow().get("start").asInt());

            JsonNode args = client.msiexecRuns().get(0);
            assertEquals("VMSFOLDER=C:\\MED-V Images", args.get(2).asText());
            assertEquals("/l*v", args.get(5).asText());
            assertClean(client, 4);
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_16LE);
            assertTrue(text.contains("Installation completed successfully"), "the verbose log came back");

            int before = client.calls().size();
            Outcome second;
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                second = MsiRunner.run(c, msi, log, QUICK, false);
            }
            Step again = only(second);
            assertEquals(Status.OK, again.status(), again.message());
            assertTrue(again.message().contains("1.0.65 is installed"), again.message());
            assertFalse(ops(client.calls().subList(before, client.calls().size())).stream().anyMatch(o -> o.startsWith("RCreateServiceW")));
            assertEquals(1, client.msiexecRuns().size(), "msiexec ran once");
            assertClean(client, 4);
        }
    }

    private static List<String> toList(JsonNode array) {
        var out = new java.util.ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aFailedInstallQuotesTheLogAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path msi = medv(dir);
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "manual")) {
            client.planMsiexec("1603");
            Outcome o;
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                o = MsiRunner.run(c, msi, dir.resolve("failed.log"), QUICK, false);
            }
            Step step = only(o);
            assertEquals(Status.FAILED, step.status());
            assertTrue(step.message().startsWith("msiexec exited with 1603: Error 1925. You do not have sufficient privileges"), step.message());
            assertTrue(step.message().contains("Installation failed"), step.message());
            assertClean(client, 3);
        }
    }

    @Test
    void anotherInstallationRunningIsTriedAgain(@TempDir Path dir) throws Exception {
        Path msi = medv(dir);
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "running")) {
            client.planMsiexec("1618", "3010");
            Outcome o;
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                o = MsiRunner.run(c, msi, dir.resolve("busy.log"), QUICK, false);
            }
            Step step = only(o);
            assertEquals(Status.CHANGED, step.status(), step.message());
            assertTrue(step.message().contains("the client must restart to finish (msiexec 3010)"), step.message());
            assertEquals(2, step.data().get("runs"));
            assertEquals(2, client.msiexecRuns().size());
            JsonNode services = client.services();
            assertEquals(4, services.get("remoteregistry").get("state").asInt(), "a running Remote Registry is left running");
            assertFalse(Files.exists(client.drive().resolve("Windows/Temp/prestage")));
        }
    }

    @Test
    void aTimeoutFailsAndStillRemovesTheServiceAndFiles(@TempDir Path dir) throws Exception {
        Path msi = medv(dir);
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            client.planMsiexec("0 4");
            Outcome o;
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.ALLOWED)) {
                o = MsiRunner.run(c, msi, dir.resolve("slow.log"), new MsiRunLimits(Duration.ofSeconds(1), 0, Duration.ZERO), false);
            }
            Step step = only(o);
            assertEquals(Status.FAILED, step.status());
            assertTrue(step.message().startsWith("msiexec did not finish within 1 s"), step.message());
            assertClean(client, 4);
        }
    }

    @Test
    void noServiceChangesRefusesWithWhatAnAdminCanRun(@TempDir Path dir) throws Exception {
        Path msi = medv(dir);
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.REFUSED)) {
                var e = assertThrows(BadInputException.class, () -> MsiRunner.run(c, msi, null, QUICK, false));
                assertTrue(e.getMessage().contains("--no-service-changes forbids starting it; an admin can run: sc \\\\127.0.0.1 config RemoteRegistry "
                        + "start= demand && sc \\\\127.0.0.1 start RemoteRegistry"), e.getMessage());
            }
            assertFalse(ops(client.calls()).stream().anyMatch(o -> o.startsWith("RChangeServiceConfigW") || o.startsWith("RStartServiceW")
                    || o.startsWith("RCreateServiceW")), ops(client.calls()).toString());
            assertClean(client, 4);
        }
    }

    @Test
    void whatIfSaysItWouldStartRemoteRegistryAndChangesNothing(@TempDir Path dir) throws Exception {
        Path msi = medv(dir);
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            try (SmbClient c = MsiRunner.open(client.url(), WindowsClientFixture.PASSWORD, ServiceChanges.WHAT_IF)) {
                Step step = only(MsiRunner.run(c, msi, null, QUICK, true));
                assertEquals(Status.CHANGED, step.status());
                assertTrue(step.message().contains("would start the Remote Registry service of 127.0.0.1 (disabled now"), step.message());
            }
            assertFalse(ops(client.calls()).stream().anyMatch(o -> o.startsWith("RChangeServiceConfigW") || o.startsWith("RStartServiceW")
                    || o.startsWith("RCreateServiceW")), ops(client.calls()).toString());
            assertClean(client, 4);
        }
    }
}
