package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.shell.Prestage.Result;
import prestage.smb.connect.SmbTimeout;
import prestage.smb.testing.LoopbackSmbd;

/**
 * The hostile-input harness on the network surface: a real smbd on loopback that hangs (SIGSTOP by PID), whose
 * session stalls or is cut in the middle of a push, or that has no registry pipe. Each run must end within its
 * --timeout, say in one line what happened to which host and what to do, exit with the documented status, never
 * claim what is false ("nothing was copied" after a cut), and show no internals (UserMessages) on stderr or in --json.
 */
@EnabledOnOs(OS.LINUX)
class HostileNetworkTest extends SmbCliFixture {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";

    @AfterEach
    void forgetTimeout() {
        System.clearProperty(SmbTimeout.PROPERTY);
    }

    private Result run(LoopbackSmbd smbd, String... args) throws Exception {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", smbd.url(LoopbackSmbd.SHARE), "--credentials", credentials().toString()));
        Result r = prestage(all.toArray(String[]::new));
        String shown = String.join(" ", args) + "\n--stdout--\n" + r.out() + "--stderr--\n" + r.err();
        if (Boolean.getBoolean("prestage.test.show")) System.out.println("RUN " + shown);
        UserMessages.assertNoInternals("stderr of " + shown, r.err());
        if (all.contains("--json")) UserMessages.assertNoInternals("--json of " + shown, r.json());
        return r;
    }

    private static String shown(Result r) {
        return "exit " + r.exit() + "\n--stdout--\n" + r.out() + "--stderr--\n" + r.err();
    }

    @Test
    void aHungServerIsNamedWithinTheTimeoutAndNothingChanges() throws Exception {
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            smbd.stall();
            for (boolean json : new boolean[] {false, true}) {
                long start = System.nanoTime();
                Result r = json ? run(smbd, "store", "C:\\", "--timeout", "2", "--json") : run(smbd, "store", "C:\\", "--timeout", "2");
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertEquals(2, r.exit(), shown(r));
                assertTrue(seconds < 15, "gave up after " + seconds + " s with --timeout 2");
                String error = json ? r.json().path("error").asText() : r.err().strip();
                assertTrue(error.contains("127.0.0.1") && error.contains("did not answer within 2 s"), shown(r));
                if (!json) assertEquals(1, r.err().strip().lines().count(), shown(r));
            }
            smbd.resume();
            assertFalse(Files.exists(smbd.shareDir().resolve("MED-V Images")), "nothing was created");
        }
    }

    @Test
    void aTimeoutOutOfRangeIsBadInput() throws Exception {
        for (String bad : List.of("0", "3601", "-5", "x")) {
            Result r = prestage("store", "C:\\", "--target", "\\\\127.0.0.1\\C$", "--timeout", bad);
            assertEquals(2, r.exit(), shown(r));
            assertTrue(r.err().contains("--timeout"), shown(r));
            assertEquals(1, r.err().strip().lines().count(), shown(r));
        }
    }

    /** Starts a push of a big image and, once its part file has grown on the server, does {@code fault}. */
    private Result pushWith(LoopbackSmbd smbd, Path images, String timeout, FaultAction fault) throws Exception {
        assertEquals(0, run(smbd, "store", "C:\\").exit());
        var push = CompletableFuture.supplyAsync(() -> {
            try {
                return run(smbd, "push", images.toString(), "--to", STORE, "--timeout", timeout);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path part = smbd.shareDir().resolve("MED-V Images/PrestagedImages/.Win7.ckm.prestage-part");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(part) && Files.size(part) > (16 << 20))) {
            assertFalse(push.isDone(), "the push ended before the fault: " + (push.isDone() ? shown(push.get()) : ""));
            assertTrue(System.nanoTime() < end, "the part file never grew");
            Thread.sleep(10);
        }
        fault.run();
        return push.get(90, TimeUnit.SECONDS);
    }

    interface FaultAction {
        void run() throws Exception;
    }

    @Test
    void aSessionThatStallsMidPushFailsWithinTheTimeoutAndTheNextPushResumes() throws Exception {
        Path images = images(400, 31);
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            long start = System.nanoTime();
            Result r = pushWith(smbd, images, "3", () -> assertTrue(smbd.stallSessions() > 0, "a session to stall"));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            smbd.resume();
            assertEquals(1, r.exit(), shown(r));
            assertTrue(seconds < 60, "the push gave up after " + seconds + " s with --timeout 3");
            assertTrue(r.out().contains("did not answer within 3 s") || r.out().contains("was cut"), shown(r));
            assertFalse(r.out().contains("nothing was copied"), shown(r));
            Result again = run(smbd, "push", images.toString(), "--to", STORE);
            assertEquals(0, again.exit(), shown(again));
            assertStoreChecksOut(smbd);
        }
    }

    @Test
    void aConnectionCutMidPushIsNotReportedAsNothingCopiedAndTheNextPushResumes() throws Exception {
        Path images = images(400, 32);
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            Result r = pushWith(smbd, images, "30", () -> assertTrue(smbd.cutConnections() > 0, "a connection to cut"));
            assertEquals(1, r.exit(), shown(r));
            assertFalse(r.out().contains("nothing was copied"), shown(r));
            assertTrue(r.out().contains("127.0.0.1"), "names the host: " + shown(r));
            Result again = run(smbd, "push", images.toString(), "--to", STORE);
            assertEquals(0, again.exit(), shown(again));
            assertTrue(again.out().contains("resumes an interrupted copy"), "it carried on: " + shown(again));
            assertStoreChecksOut(smbd);
        }
    }

    @Test
    void statusOverSmbWithoutTheRegistryPipeIsNotOk() throws Exception {
        Path images = images(2, 33);
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"), Map.of(), Map.of(LoopbackSmbd.RPC_HELPERS, "no"))) {
            for (String[] step : new String[][] {{"store", "C:\\"}, {"acl", "apply", "C:\\MED-V Images", "medv", "--protect"},
                    {"acl", "apply", STORE, "medv", "--protect"}, {"push", images.toString(), "--to", STORE}, {"verify", STORE, "--read-only"}}) {
                Result r = run(smbd, step);
                assertEquals(0, r.exit(), String.join(" ", step) + ": " + shown(r));
            }
            Result human = run(smbd, "status", "C:\\");
            assertEquals(1, human.exit(), "a check that could not be made fails the status: " + shown(human));
            assertTrue(human.out().contains("not checked"), shown(human));
            assertFalse(human.out().contains("client is prestaged"), shown(human));
            Result json = run(smbd, "status", "C:\\", "--json");
            assertEquals(1, json.json().path("exitCode").asInt(), shown(json));
            boolean registryFailed = false;
            for (var step : json.json().path("steps")) {
                if (step.path("verb").asText().equals("registry") && step.path("status").asText().equals("failed")) registryFailed = true;
            }
            assertTrue(registryFailed, "the registry step says failed: " + shown(json));
        }
    }
}
