package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import prestage.core.testing.TestMsi;
import prestage.smb.testing.WindowsClientFixture;

/**
 * {@code prestage msi PACKAGE ... --run --target smb://...} in a JVM of its own (so it can be killed), against the test
 * Windows client (impacket's SMB server, service manager and registry; RemoteRegistry disabled as Windows 10/11 ship
 * it). Whatever happens to the run, the client ends as it began: no service, no files, RemoteRegistry disabled and
 * stopped.
 */
class MsiOverSmbCliTest {
    private static final String CODE = "{6F330B47-2577-43AD-9095-1861BA25889B}";

    private record Run(Process process, Path out, Path err) {
        int waitFor() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "prestage did not end");
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(out);
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }
    }

    private static Run start(Path dir, String name, WindowsClientFixture client, Path msi, String... more) throws IOException {
        Path creds = Files.writeString(dir.resolve("creds"), "username = " + WindowsClientFixture.USER + "\npassword = "
                + WindowsClientFixture.PASSWORD + "\n");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", classPath, "prestage.shell.Main", "msi", msi.toString(), "VMSFOLDER=C:\\MED-V Images", "START_MEDV=0", "--run",
                "--target", client.url(), "--credentials", creds.toString(), "--log", dir.resolve(name + ".msiexec.log").toString()));
        cmd.addAll(List.of(more));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Run(p, out, err);
    }

    /** As the client began: RemoteRegistry disabled and stopped, no prestage service, nothing under Windows\Temp\prestage. */
    private static void assertAsItBegan(WindowsClientFixture client) throws IOException {
        JsonNode services = client.services();
        services.fieldNames().forEachRemaining(n -> assertFalse(n.startsWith("prestage"), "service left: " + n));
        assertEquals(4, services.get("remoteregistry").get("start").asInt(), "RemoteRegistry disabled again");
        assertEquals(1, services.get("remoteregistry").get("state").asInt(), "RemoteRegistry stopped again");
        assertFalse(Files.exists(client.drive().resolve("Windows/Temp/prestage")), "files left under C:\\Windows\\Temp\\prestage");
    }

    private static void awaitRunning(WindowsClientFixture client, Run run) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.calls().stream().noneMatch(c -> c.get("op").asText().equals("run"))) {
            assertTrue(run.process().isAlive(), () -> "prestage ended before msiexec ran: " + read(run));
            assertTrue(System.nanoTime() < end, "msiexec never ran");
            Thread.sleep(100);
        }
    }

    private static String read(Run run) {
        try {
            return run.stdout() + run.stderr();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void installsThenASecondRunIsOkAndTheClientEndsAsItBegan(@TempDir Path dir) throws Exception {
        Path msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            Run first = start(dir, "first", client, msi, "--json");
            assertEquals(0, first.waitFor(), read(first));
            JsonNode step = new ObjectMapper().readTree(first.stdout()).get("steps").get(0);
            assertEquals("changed", step.get("status").asText(), step.toString());
            assertTrue(Files.readString(dir.resolve("first.msiexec.log"), java.nio.charset.StandardCharsets.UTF_16LE)
                    .contains("Installation completed successfully"));
            assertAsItBegan(client);

            Run second = start(dir, "second", client, msi, "--json");
            assertEquals(0, second.waitFor(), read(second));
            JsonNode again = new ObjectMapper().readTree(second.stdout()).get("steps").get(0);
            assertEquals("ok", again.get("status").asText(), again.toString());
            assertTrue(again.get("message").asText().contains("1.0.65 is installed"), again.toString());
            assertEquals(1, client.msiexecRuns().size(), "not installed twice");
            assertAsItBegan(client);
        }
    }

    @Test
    void aRunStoppedWithSigtermPutsEverythingBack(@TempDir Path dir) throws Exception {
        Path msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            client.planMsiexec("0 6");
            Run run = start(dir, "term", client, msi);
            awaitRunning(client, run);
            run.process().destroy(); // SIGTERM, as Ctrl-C or a service stop: the shutdown hooks put things back
            run.waitFor();
            assertAsItBegan(client);
        }
    }

    @Test
    void aKilledRunsLeftoversAreRemovedByTheNextRun(@TempDir Path dir) throws Exception {
        Path msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            client.planMsiexec("1603 2", "0");
            Run killed = start(dir, "killed", client, msi);
            awaitRunning(client, killed);
            killed.process().destroyForcibly(); // SIGKILL: nothing of prestage runs after this
            assertEquals(137, killed.waitFor());
            Thread.sleep(2500); // the stand-in msiexec finishes on the client meanwhile
            var left = new ArrayList<String>();
            client.services().fieldNames().forEachRemaining(left::add);
            assertTrue(left.stream().anyMatch(n -> n.startsWith("prestage-msi-")), "the kill left the service: " + left);

            assertEquals("start=4", Files.readString(client.drive().resolve("Windows/Temp/prestage/remote-registry.txt")).strip(),
                    "the note a killed run leaves: RemoteRegistry's start type before");

            Run next = start(dir, "next", client, msi);
            assertEquals(0, next.waitFor(), read(next));
            assertEquals(2, client.msiexecRuns().size());
            System.err.println("next run said: " + read(next));
            assertAsItBegan(client);
        }
    }

    @Test
    void noServiceChangesRefusesWithTheCommandsToRunThere(@TempDir Path dir) throws Exception {
        Path msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            Run run = start(dir, "refused", client, msi, "--no-service-changes");
            assertEquals(2, run.waitFor(), read(run));
            String err = run.stderr().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("sc \\\\127.0.0.1 config RemoteRegistry start= demand && sc \\\\127.0.0.1 start RemoteRegistry"), err);
            assertTrue(client.calls().stream().noneMatch(c -> c.get("op").asText().matches("RChangeServiceConfigW|RStartServiceW|RCreateServiceW")));
            assertAsItBegan(client);
        }
    }

    @Test
    void whatIfSaysWhatWouldChangeAndChangesNothing(@TempDir Path dir) throws Exception {
        Path msi = TestMsi.build(dir.resolve("MED-V_1.0.65.msi"), TestMsi.medv(CODE, "1.0.65"));
        try (var client = WindowsClientFixture.start(dir.resolve("client"), "disabled")) {
            Run run = start(dir, "whatif", client, msi, "--what-if");
            assertEquals(3, run.waitFor(), read(run));
            assertTrue(read(run).contains("would start the Remote Registry service of 127.0.0.1 (disabled now"), read(run));
            assertTrue(client.calls().stream().noneMatch(c -> c.get("op").asText().matches("RChangeServiceConfigW|RStartServiceW|RCreateServiceW")));
            assertAsItBegan(client);
        }
    }
}
