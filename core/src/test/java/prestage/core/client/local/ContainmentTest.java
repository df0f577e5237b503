package prestage.core.client.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.BadInputException;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.open.Clients;

/**
 * A link planted anywhere inside a folder client, before or during a run, never sends a read or a write outside it:
 * every operation either works inside or fails naming the link, and a snapshot of the outside is unchanged.
 */
@EnabledOnOs(OS.LINUX)
class ContainmentTest {
    @TempDir
    Path tmp;

    /** Every operation of the seam that takes a path, run against {@code p}. */
    private static List<IoCall> everyOperation(Client c, ClientPath p) {
        return List.<IoCall>of(
                () -> c.stat(p),
                () -> c.list(p),
                () -> { c.makeFolder(p.resolve("new")); return null; },
                () -> { c.openRead(p.resolve("f")).close(); return null; },
                () -> { c.openWrite(p.resolve("f"), 0, true).close(); return null; },
                () -> { c.openAppend(p.resolve("f")).close(); return null; },
                () -> { c.writeAtomically(p.resolve("f"), "x".getBytes(StandardCharsets.UTF_8)); return null; },
                () -> { c.writeAtomically(p.resolve("f"), out -> out.write('x')); return null; },
                () -> { c.delete(p.resolve("f")); return null; },
                () -> { c.setReadOnly(p.resolve("f"), true); return null; },
                () -> c.writeSecurity(p, prestage.core.security.Sddl.parse("D:PAI(A;OICI;FA;;;SY)")),
                () -> c.readSecurity(p),
                () -> { c.lock(p, prestage.core.client.StoreLock.Policy.WAIT_QUIETLY).close(); return null; });
    }

    interface IoCall {
        Object call() throws Exception;
    }

    @Test
    void aLinkAtAnyLevelOfTheStoreIsNamedAndNothingOutsideChanges() throws Exception {
        linksAtEveryLevel(level -> Files.createDirectories(tmp.resolve("drive" + level)));
    }

    @Test
    void onAnNtfsVolumeToo() throws Exception {
        try (var volume = prestage.core.testing.NtfsImage.create(tmp, 32)) {
            linksAtEveryLevel(level -> Files.createDirectories(volume.mountPoint().resolve("drive" + level)));
        }
    }

    interface Drives {
        Path at(int level) throws IOException;
    }

    private void linksAtEveryLevel(Drives drives) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f"), "secret");
        List<String> levels = List.of("MED-V Images", "PrestagedImages", "sub");
        for (int level = 0; level < levels.size(); level++) {
            Path drive = drives.at(level);
            Path at = drive;
            for (int i = 0; i < level; i++) at = Files.createDirectories(at.resolve(levels.get(i)));
            Files.createSymbolicLink(at.resolve(levels.get(level)), outside);
            var before = snapshot(outside);
            Client c = Clients.open(drive.toString(), null);
            ClientPath deep = c.path("C:\\" + String.join("\\", levels));
            for (IoCall call : everyOperation(c, deep)) {
                var e = assertThrows(BadInputException.class, call::call, "level " + level);
                assertTrue(e.getMessage().contains("is a link") && e.getMessage().contains(levels.get(level)), e.getMessage());
            }
            assertEquals(before, snapshot(outside), "nothing outside the client changed (level " + level + ")");
        }
    }

    @Test
    void aLinkSwappedInAfterTheWalkIsNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path drive = Files.createDirectories(tmp.resolve("drive"));
        Path store = Files.createDirectories(drive.resolve("MED-V Images").resolve("PrestagedImages"));
        Client c = Clients.open(drive.toString(), null);
        ClientPath file = c.path("C:\\MED-V Images\\PrestagedImages\\a.ckm");
        try (var w = c.openWrite(file, 0, false)) {
            // the folder is replaced by a link to the outside while the file is open: the file stays where it was
            Files.move(store, drive.resolve("MED-V Images").resolve("moved"));
            Files.createSymbolicLink(store, outside);
            w.write(ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8)), 0);
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count(), "nothing was written outside");
        }
        assertEquals("bytes", Files.readString(drive.resolve("MED-V Images").resolve("moved").resolve("a.ckm")));
        assertThrows(BadInputException.class, () -> c.stat(file));
    }

    @Test
    void aLinkInsideTheClientIsAlsoRefused() throws Exception {
        Path drive = Files.createDirectories(tmp.resolve("drive"));
        Files.createDirectories(drive.resolve("real"));
        Files.createSymbolicLink(drive.resolve("MED-V Images"), drive.resolve("real"));
        Client c = Clients.open(drive.toString(), null);
        var e = assertThrows(BadInputException.class, () -> c.makeFolder(c.path("C:\\MED-V Images\\PrestagedImages")));
        assertTrue(e.getMessage().startsWith("C:\\MED-V Images is a link"), e.getMessage());
    }

    private static TreeMap<String, String> snapshot(Path root) throws IOException {
        var out = new TreeMap<String, String>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                var xattrs = new ArrayList<String>();
                for (String n : List.of("user.NTACL", "user.DOSATTRIB")) {
                    prestage.core.client.local.platform.Xattrs.get(p, n).ifPresent(v -> xattrs.add(n + "=" + v.length));
                }
                out.put(root.relativize(p).toString(), a.size() + "/" + a.lastModifiedTime() + "/"
                        + Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) + xattrs);
            }
        }
        return out;
    }
}
