package prestage.shell.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.Smbd;
import prestage.smb.testing.LoopbackSmbd;

/**
 * The console against a machine on the network, in a real terminal (tmux) and a real smbd: Ctrl-C of a push, after a
 * Tab completion has opened the client, leaves nothing open on the server (judged by {@code smbstatus -L}: no part
 * file or journal held DENY_WRITE), so the next push resumes; Ctrl-C gives back a Tab completion that waits on a hung
 * server; a password typed into an SMB address is masked in the history file.
 */
@EnabledOnOs(OS.LINUX)
class TerminalOverSmbTest {
    private static final String STORE = "C:\\MED-V Images\\PrestagedImages";
    private static final String SECRET = "Secr3t-Pa55";

    @TempDir
    Path dir;

    private TmuxTerminal console(LoopbackSmbd smbd, String... extra) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("home"));
        Path creds = LoopbackSmbd.credentialsFile(dir.resolve("creds"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "prestage.shell.Main",
                "--target", smbd.url(LoopbackSmbd.SHARE), "--credentials", creds.toString()));
        words.addAll(List.of(extra));
        String run = words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" ")) + " 2>&1";
        var t = TmuxTerminal.start(dir, "xterm-256color", Map.of("HOME", dir.resolve("home").toString(), "XDG_STATE_HOME",
                dir.resolve("state").toString()), run);
        t.await(Duration.ofSeconds(60), "the first prompt", s -> TmuxTerminal.prompts(s) >= 1);
        return t;
    }

    /** What smbstatus -L says smbd holds open in the store (the files and their share modes). */
    private static String openInStore(LoopbackSmbd smbd) throws IOException {
        return Smbd.run(List.of("smbstatus", "-L", "-s", smbd.configFile().toString()), null).lines()
                .filter(l -> l.contains("PrestagedImages")).collect(Collectors.joining("\n"));
    }

    @Test
    void ctrlCOfAPushOverSmbAfterATabCompletionLeavesNothingOpenOnTheServer() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        try (var big = new RandomAccessFile(images.resolve("Win7.ckm").toFile(), "rw")) {
            big.setLength(256L << 20); // sparse: read fast, written for seconds over SMB
        }
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba")); var t = console(smbd)) {
            t.line("store C:\\");
            t.await(Duration.ofSeconds(30), "the store", s -> TmuxTerminal.prompts(s) >= 2);
            t.type("acl show 'C:\\MED");
            t.key("Tab"); // opens the console's own client to the server and lists C:\
            t.await(Duration.ofSeconds(30), "the completion", s -> s.contains("C:\\MED-V Images\\"));
            t.key("C-u");
            t.line("push " + images + " --to '" + STORE + "'");
            t.await(Duration.ofSeconds(60), "a progress bar", s -> s.contains("MiB/s"));
            Thread.sleep(500);
            assertTrue(openInStore(smbd).contains("prestage-part"), "the part file is open while pushing: " + openInStore(smbd));
            t.ctrlC();
            t.await(Duration.ofSeconds(15), "the prompt after Ctrl-C", s -> s.contains("interrupted") && s.stripTrailing().endsWith("prestage>"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String open = openInStore(smbd);
            while (!open.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(100);
                open = openInStore(smbd);
            }
            assertTrue(open.isEmpty(), "after Ctrl-C the server still holds open (smbstatus -L):\n" + open + "\nscreen:\n" + t.text());
            // the next push of that image is not refused with a sharing violation: it carries on to the end
            t.line("push " + images + " --to '" + STORE + "'");
            String screen = t.await(Duration.ofSeconds(180), "the second push", s -> s.contains("changed  push") || s.contains("failed   push     C:\\MED-V Images\\PrestagedImages: push to C:\\MED-V Images\\PrestagedImages stopped"));
            assertTrue(screen.contains("changed  push") && screen.contains("resumes an interrupted copy"), screen);
            t.line("exit");
        }
    }

    @Test
    void ctrlCGivesBackATabCompletionThatWaitsOnAHungServer() throws Exception {
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba")); var t = console(smbd, "--timeout", "120")) {
            smbd.stall();
            t.type("acl show 'C:\\MED");
            t.key("Tab");
            Thread.sleep(1500); // connecting, and waiting for the hung server's answer
            long start = System.nanoTime();
            t.ctrlC();
            // the prompt is back (every statement opens the client, so the check is a command that does not: help)
            t.await(Duration.ofSeconds(10), "a new prompt after Ctrl-C", s -> TmuxTerminal.prompts(s) >= 2);
            t.line("help push");
            t.await(Duration.ofSeconds(10), "help after Ctrl-C", s -> s.contains("--jobs"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 8_000, "the console answered " + millis + " ms after Ctrl-C (the timeout is 120 s)");
            smbd.resume();
            t.line("exit");
        }
    }

    @Test
    void aPasswordTypedIntoAnSmbAddressIsMaskedInTheHistory() throws Exception {
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba")); var t = console(smbd)) {
            t.line("store C:\\ --target smb://root:" + SECRET + "@127.0.0.1:" + smbd.port() + "/share");
            String screen = t.await(Duration.ofSeconds(30), "the refusal", s -> s.contains("a password does not belong"));
            assertFalse(screen.replace("store C:\\ --target smb://root:" + SECRET, "").contains(SECRET), "the refusal shows the password:\n" + screen);
            t.line("exit");
            Path history = dir.resolve("state/prestage/history");
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!(Files.exists(history) && Files.readString(history).contains("exit")) && System.nanoTime() < end) Thread.sleep(100);
            String kept = Files.readString(history);
            assertTrue(kept.contains("smb://root:***@127.0.0.1"), kept);
            assertFalse(kept.contains(SECRET), "the history keeps the password:\n" + kept);
        }
    }
}
