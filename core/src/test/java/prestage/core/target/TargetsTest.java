package prestage.core.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.BadInputException;

@DisabledOnOs(OS.WINDOWS)
class TargetsTest {
    @TempDir
    Path drive;

    @Test
    void aFolderTargetMapsWindowsPathsBelowIt() throws IOException {
        Target t = Targets.open(drive.toString(), null);
        Path real = drive.toRealPath();
        assertEquals(TargetKind.FOLDER, t.kind());
        assertEquals(real.resolve("MED-V Images").resolve("PrestagedImages"), t.resolve("C:\\MED-V Images\\PrestagedImages"));
        assertEquals(real.resolve("MED-V Images"), t.resolve("c:/MED-V Images/"));
        assertEquals(real, t.resolve("C:\\"));
        assertEquals("C:\\MED-V Images\\PrestagedImages", t.clientPath(real.resolve("MED-V Images/PrestagedImages")));
        assertEquals("C:\\", t.clientPath(real));
    }

    @Test
    void namesDifferingOnlyInCaseAreTheSameFolderAsOnWindows() throws IOException {
        Files.createDirectories(drive.resolve("med-v images"));
        Target t = Targets.open(drive.toString(), null);
        assertEquals(drive.toRealPath().resolve("med-v images").resolve("PrestagedImages"), t.resolve("C:\\MED-V Images\\PrestagedImages"));
    }

    @Test
    void pathsThatLeaveTheDriveOrUseAnotherDriveAreRefused() {
        Target t = Targets.open(drive.toString(), null);
        var climb = assertThrows(BadInputException.class, () -> t.resolve("C:\\..\\etc"));
        assertTrue(climb.getMessage().contains("climbs above C:\\"), climb.getMessage());
        var other = assertThrows(BadInputException.class, () -> t.resolve("D:\\images"));
        assertTrue(other.getMessage().contains("only the C: drive"), other.getMessage());
        assertThrows(BadInputException.class, () -> t.resolve("C:\\a<b"));
    }

    @Test
    void withoutATargetWindowsPathsAreAClearErrorAndNativePathsPassThrough() {
        Target t = Targets.open(null, null);
        assertEquals(TargetKind.NATIVE, t.kind());
        var e = assertThrows(BadInputException.class, () -> t.resolve("C:\\MED-V Images"));
        assertTrue(e.getMessage().contains("--target"), e.getMessage());
        assertEquals(Path.of("/srv/images"), t.resolve("/srv/images"));
    }

    @Test
    void aMissingTargetFolderOrLiveOnLinuxIsBadInput() {
        assertThrows(BadInputException.class, () -> Targets.open(drive.resolve("nope").toString(), null));
        var live = assertThrows(BadInputException.class, () -> Targets.open("live", null));
        assertTrue(live.getMessage().contains("only on Windows"), live.getMessage());
    }

    @Test
    void mountTableLinesOfNtfs3gAreRecognised() {
        String fuseblk = "812 30 0:95 / /mnt/client\\040c rw,relatime shared:437 - fuseblk /dev/loop3 rw,user_id=0,group_id=0,allow_other,blksize=4096";
        assertTrue(MountTable.isNtfs3gLineFor(fuseblk, "/mnt/client c"));
        assertFalse(MountTable.isNtfs3gLineFor(fuseblk, "/mnt/client"));
        String ext4 = "29 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw";
        assertFalse(MountTable.isNtfs3gLineFor(ext4, "/"));
    }
}
