package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.Smbd;
import prestage.shell.Prestage.Result;

/**
 * The demo's remote part ({@code -p remote=yes}): it starts its own smbd on 127.0.0.1, prestages it over SMB, prints
 * what Samba's tools say and stops the server, on success and when a step fails. Judged again here, independently of
 * what the demo printed: sha256sum -c on the served folder, and no process left serving the demo's configuration.
 */
@EnabledOnOs(OS.LINUX)
class DemoRemoteTest {
    private static final Path DEMO = Path.of("../scripts/demo.groovy").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theRemotePartPrestagesAPrivateSmbdOverSmbAndStopsIt() throws IOException {
        Path demo = dir.resolve("demo");
        Result first = prestage("run", DEMO.toString(), "-p", "dir=" + demo, "-p", "sizeMiB=2", "-p", "remote=yes");
        assertEquals(0, first.exit(), first.out() + first.err());
        String out = first.out();
        assertTrue(out.contains("as smb://root@127.0.0.1:"), out);
        assertTrue(out.contains("Win7Corp.ckm: OK") && out.contains("Win7Corp.ckm.index: OK"), out);
        // the folder's protected DACL, as smbd's acl_xattr module serves it
        assertTrue(out.matches("(?s).*PrestagedImages: +O:[^\\n]*D:PAI\\(A;OICI;0x0012008d;;;AU\\)\\(A;OICI;0x001f01ff;;;SY\\)\\(A;OICI;0x001f01ff;;;BA\\).*"), out);
        // the file's entries, inherited from the folder
        assertTrue(out.matches("(?s).*Win7Corp\\.ckm: +O:[^\\n]*D:AI\\(A;ID;0x0012008d;;;AU\\)\\(A;ID;0x001f01ff;;;SY\\)\\(A;ID;0x001f01ff;;;BA\\).*"), out);
        assertTrue(out.matches("(?s).*allinfo, Win7Corp\\.ckm: +attributes: [A-Z]*R.*"), out);
        assertTrue(out.contains("Value      = \"C:\\MED-V Images\\PrestagedImages\""), out);
        assertTrue(out.contains("demo smbd stopped"), out);
        Path served = demo.resolve("remote/share/MED-V Images/PrestagedImages");
        assertEquals("", Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum --quiet --strict -c SHA256SUMS", served.toString()), null));
        assertNoServerLeft(demo);
        var m = java.util.regex.Pattern.compile("smbd \\(pid (\\d+),.*127\\.0\\.0\\.1:(\\d+)/").matcher(out);
        assertTrue(m.find(), out);
        assertFalse(ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false), "smbd " + m.group(1) + " still runs");
        String listen = String.format("0100007F:%04X", Integer.parseInt(m.group(2)));
        assertTrue(Files.readAllLines(Path.of("/proc/net/tcp")).stream().noneMatch(l -> l.contains(listen + " 00000000:0000 0A")), "still listening");

        // a second run: a new server on the same share finds everything in place
        Result second = prestage("run", DEMO.toString(), "-p", "dir=" + demo, "-p", "sizeMiB=2", "-p", "remote=yes", "--json");
        assertEquals(0, second.exit(), second.out() + second.err());
        assertEquals(0, second.json().at("/summary/changed").asInt(), second.out());
        assertEquals(14, second.json().at("/summary/ok").asInt(), second.out());
        assertNoServerLeft(demo);
    }

    @Test
    void aFailedRemoteStepStillStopsTheServer() throws IOException {
        Path demo = dir.resolve("demo");
        // a file where the store folder goes: store fails on the remote client only
        Files.createDirectories(demo.resolve("remote/share"));
        Files.writeString(demo.resolve("remote/share/MED-V Images"), "in the way\n");
        Result run = prestage("run", DEMO.toString(), "-p", "dir=" + demo, "-p", "sizeMiB=1", "-p", "remote=yes");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("MED-V Images is a file"), run.err());
        assertTrue(run.out().contains("demo smbd stopped"), run.out());
        assertNoServerLeft(demo);
    }

    @Test
    void aRemoteValueOtherThanYesOrNoIsOneLineAndExit2() {
        Result run = prestage("run", DEMO.toString(), "-p", "dir=" + dir.resolve("demo"), "-p", "remote=maybe");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("remote=maybe"), run.err());
    }

    /** No live process (smbd, its children, samba-dcerpcd) names the demo server's configuration. */
    private static void assertNoServerLeft(Path demo) throws IOException {
        String conf = demo.resolve("remote/smb.conf").toString();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmd;
                try {
                    cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                assertFalse(cmd.contains(conf), "still running: pid " + p.getFileName() + " " + cmd.replace('\0', ' '));
            }
        }
    }
}
