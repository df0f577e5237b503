package prestage.core.images;

import prestage.core.client.local.ReadOnlyMarkers;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.client.local.LocalKind;
import prestage.core.client.open.Clients;

class ReadOnlyMarkerTest {
    @TempDir
    Path tmp;

    @Test
    void aPlainFolderLosesEveryWriteBitAndTheOwnerGetsItsBack() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.ckm"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        ReadOnlyMarker marker = ReadOnlyMarkers.forClient(LocalKind.FOLDER);

        assertFalse(marker.isReadOnly(f));
        marker.setReadOnly(f, true);
        assertEquals("-r--r--r--", Fixtures.runOk(null, "stat", "-c", "%A", f.toString()).out().strip());
        assertTrue(marker.isReadOnly(f));
        marker.setReadOnly(f, false);
        assertEquals("-rw-r--r--", Fixtures.runOk(null, "stat", "-c", "%A", f.toString()).out().strip());
        assertFalse(marker.isReadOnly(f));
    }

    @Test
    void aFileWithNoPermissionsAtAllCanBeMarkedAndUnmarked() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.ckm"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        ReadOnlyMarker marker = ReadOnlyMarkers.forClient(LocalKind.NATIVE);
        assertFalse(marker.isReadOnly(f), "no write bits, but no DOS READONLY either");
        marker.setReadOnly(f, true);
        assertTrue(marker.isReadOnly(f));
        marker.setReadOnly(f, false);
        assertEquals("--w-------", Fixtures.runOk(null, "stat", "-c", "%A", f.toString()).out().strip());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsUsesTheDosReadOnlyAttribute() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.ckm"), "x");
        ReadOnlyMarker marker = ReadOnlyMarkers.forClient(LocalKind.LIVE_WINDOWS);
        marker.setReadOnly(f, true);
        assertTrue((Boolean) Files.getAttribute(f, "dos:readonly"));
        assertTrue(Fixtures.run(null, "cmd", "/c", "attrib", f.toString()).out().substring(0, 10).contains("R"));
        marker.setReadOnly(f, false);
        assertFalse((Boolean) Files.getAttribute(f, "dos:readonly"));
    }

    // ---- ntfs-3g: an NTFS volume image mounted here, judged by getfattr

    interface VolumeBody {
        void run(Path mnt) throws Exception;
    }

    private void onNtfsVolume(VolumeBody body) throws Exception {
        Path img = tmp.resolve("vol.img");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Fixtures.runOk(null, "truncate", "-s", "24M", img.toString());
        Fixtures.runOk(null, "mkntfs", "-F", "-Q", img.toString());
        Fixtures.runOk(null, "ntfs-3g", "-o", "permissions", img.toString(), mnt.toString());
        try {
            body.run(mnt);
        } finally {
            var r = Fixtures.run(null, "fusermount", "-u", mnt.toString());
            if (r.exit() != 0) Fixtures.runOk(null, "umount", mnt.toString());
        }
    }

    /** The DOS attributes as getfattr reads them: 4 bytes, little-endian. */
    private static int dosAttributes(Path file) throws Exception {
        String out = Fixtures.runOk(null, "getfattr", "-n", "system.ntfs_attrib", "-e", "hex", file.toString()).out();
        String hex = out.lines().filter(l -> l.startsWith("system.ntfs_attrib=0x")).findFirst().orElseThrow().substring(21);
        return Integer.reverseBytes(Integer.parseUnsignedInt(hex, 16));
    }

    @Test
    void anNtfsVolumeGetsTheDosReadOnlyBitAndKeepsTheOthers() throws Exception {
        onNtfsVolume(mnt -> {
            Path f = Files.writeString(mnt.resolve("a.ckm"), "x");
            int before = dosAttributes(f);
            assertEquals(0, before & 1, "a new file is writable");
            ReadOnlyMarker marker = ReadOnlyMarkers.forClient(LocalKind.NTFS_VOLUME);

            marker.setReadOnly(f, true);
            assertEquals(before | 0x1 /* FILE_ATTRIBUTE_READONLY */, dosAttributes(f));
            assertTrue(marker.isReadOnly(f));
            marker.setReadOnly(f, false);
            assertEquals(before, dosAttributes(f));
            assertFalse(marker.isReadOnly(f));
        });
    }

    @Test
    void pushAndVerifyOnAnNtfsVolumeMarkTheFilesAndForceIsNeededToReplaceThem() throws Exception {
        Path src = tmp.resolve("src");
        Fixtures.randomFile(src.resolve("W7.ckm"), 600_000, 1);
        Fixtures.randomFile(src.resolve("W7.ckm.index"), 3_000, 2);
        onNtfsVolume(mnt -> {
            var target = Clients.open(mnt.toString(), null);
            assertEquals("ntfs_volume", target.kind(), "ntfs-3g mount recognised");
            String store = "C:\\MED-V Images\\PrestagedImages";
            Step pushed = new PushVerb(new Context(target, new Outcome(false), Progress.NONE), Fixtures.SMALL)
                    .push(new PushRequest(List.of(src.toString()), store, PushOptions.DEFAULTS));
            assertEquals(Status.CHANGED, pushed.status(), pushed.message());
            Path dir = mnt.resolve("MED-V Images").resolve("PrestagedImages");
            Fixtures.runOk(dir, "sha256sum", "-c", "--strict", "SHA256SUMS");

            Step verified = new VerifyVerb(new Context(target, new Outcome(false), Progress.NONE)).verify(new VerifyRequest(store, true));
            assertEquals(Status.CHANGED, verified.status(), verified.message());
            assertEquals(1, dosAttributes(dir.resolve("W7.ckm")) & 1);
            assertEquals(1, dosAttributes(dir.resolve("W7.ckm.index")) & 1);

            Fixtures.randomFile(src.resolve("W7.ckm"), 600_000, 3);
            var refused = assertThrows(BadInputException.class, () -> new PushVerb(new Context(target, new Outcome(false), Progress.NONE),
                    Fixtures.SMALL).push(new PushRequest(List.of(src.toString()), store, PushOptions.DEFAULTS)));
            assertTrue(refused.getMessage().contains(store + "\\W7.ckm is marked read-only"), refused.getMessage());

            Step forced = new PushVerb(new Context(target, new Outcome(false), Progress.NONE), Fixtures.SMALL)
                    .push(new PushRequest(List.of(src.toString()), store, new PushOptions(List.of(), 0, true)));
            assertEquals(Status.CHANGED, forced.status(), forced.message());
            assertArrayEquals(Files.readAllBytes(src.resolve("W7.ckm")), Files.readAllBytes(dir.resolve("W7.ckm")));
            assertEquals(0, dosAttributes(dir.resolve("W7.ckm")) & 1, "the new copy is not marked until verify marks it");
            Fixtures.runOk(dir, "sha256sum", "-c", "--strict", "SHA256SUMS");
        });
    }
}
