package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.core.client.Client;
import prestage.core.client.StoreBusyException;
import prestage.core.client.StoreLock;
import prestage.core.client.open.Clients;
import prestage.smb.testing.LoopbackSmbd;
import prestage.smb.testing.SampleImages;

/**
 * A run on a folder and a run over SMB on the share a real smbd makes of that folder take the same store lock: the
 * local run's flock + OFD lock and the SMB run's byte-range lock (which Samba turns into a POSIX lock of the served
 * file) exclude each other, in both orders; two pushes at once, one each way, keep both manifest entries.
 */
@EnabledOnOs(OS.LINUX)
class StoreLockAcrossSmbTest extends SmbCliFixture {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";
    private static final StoreLock.Policy NO_WAIT = new StoreLock.Policy(false, m -> { });

    @Test
    void aLocalRunAndARunOverSmbOnTheSameFolderExcludeEachOther() throws Exception {
        var logon = prestage.core.client.ClientSettings.DEFAULTS.withLogon(new prestage.core.client.Logon(null, credentials().toString(), null, null));
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            Path served = Files.createDirectories(smbd.shareDir().resolve("MED-V Images").resolve("PrestagedImages"));
            try (Client local = Clients.open(smbd.shareDir().toString(), null); Client remote = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, logon)) {
                StoreLock held = local.lock(local.path(STORE), NO_WAIT);
                var busy = assertThrows(StoreBusyException.class, () -> remote.lock(remote.path(STORE), NO_WAIT),
                        "a run over SMB does not get a store a local run holds");
                assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid() + " on "), "it names the holder: " + busy.getMessage());
                held.close();
                held = remote.lock(remote.path(STORE), NO_WAIT);
                busy = assertThrows(StoreBusyException.class, () -> local.lock(local.path(STORE), NO_WAIT),
                        "a local run does not get a store a run over SMB holds");
                assertTrue(busy.getMessage().contains("over SMB"), "it names the holder: " + busy.getMessage());
                // and over SMB against SMB (a second session of its own)
                try (Client other = Clients.open(smbd.url(LoopbackSmbd.SHARE), null, logon)) {
                    assertThrows(StoreBusyException.class, () -> other.lock(other.path(STORE), NO_WAIT));
                }
                held.close();
                assertEquals(List.of(), lockFiles(served), "the holder over SMB leaves no lock file");
                local.lock(local.path(STORE), NO_WAIT).close();
                assertEquals(List.of(), lockFiles(served), "nor does the local one");
            }
        }
    }

    @Test
    void pushesAtOnceLocallyAndOverSmbIntoOneStoreKeepEveryEntry() throws Exception {
        Path creds = credentials();
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            Files.createDirectories(smbd.shareDir().resolve("MED-V Images").resolve("PrestagedImages"));
            var names = new ArrayList<String>();
            for (int round = 0; round < 2; round++) {
                Path localSource = SampleImages.random(dir.resolve("local" + round).resolve("Local" + round + ".ckm"), 24, 10 + round).getParent();
                Path smbSource = SampleImages.random(dir.resolve("smb" + round).resolve("Remote" + round + ".ckm"), 24, 20 + round).getParent();
                names.add("Local" + round + ".ckm");
                names.add("Remote" + round + ".ckm");
                Process viaFolder = java("push", localSource.toString(), "--to", STORE, "--target", smbd.shareDir().toString());
                Process viaSmb = java("push", smbSource.toString(), "--to", STORE, "--target", smbd.url(LoopbackSmbd.SHARE), "--credentials", creds.toString());
                for (Process p : List.of(viaFolder, viaSmb)) {
                    String out = new String(p.getInputStream().readAllBytes());
                    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
                    assertEquals(0, p.exitValue(), out);
                }
            }
            assertStoreChecksOut(smbd);
            String sums = Files.readString(smbd.shareDir().resolve("MED-V Images").resolve("PrestagedImages").resolve("SHA256SUMS"));
            for (String n : names) assertTrue(sums.contains(n), n + " is in the manifest:\n" + sums);
            var verify = prestage("verify", STORE, "--target", smbd.shareDir().toString());
            assertEquals(0, verify.exit(), verify.out() + verify.err());
        }
    }

    /** prestage in a JVM of its own (this build's classes), as a second admin would start it. */
    private Process java(String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "prestage.shell.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<String> lockFiles(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".prestage-lock")).toList();
        }
    }
}
