package prestage.core.client.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import prestage.core.BadInputException;

/**
 * A client on a filesystem that cannot carry Windows ACLs the way Windows reads them is refused. Lines as the
 * kernel writes them in /proc/self/mountinfo. (No real vfat or ntfs3 mount here: the test machine's kernel has
 * neither driver and no modules to load.)
 */
class MountTableTest {
    private static final List<String> MOUNTINFO = List.of(
            "29 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard",
            "40 29 7:1 / /mnt/fat rw,relatime shared:20 - vfat /dev/loop1 rw,fmask=0022,dmask=0022,codepage=437",
            "41 29 7:2 / /mnt/kernel\\040ntfs rw,relatime shared:21 - ntfs3 /dev/loop2 rw,uid=0,gid=0,iocharset=utf8",
            "42 29 7:3 / /mnt/ex rw,relatime shared:22 - exfat /dev/loop3 rw,fmask=0022",
            "43 29 7:4 / /mnt/old rw,relatime shared:23 - msdos /dev/loop4 rw",
            "44 29 0:95 / /mnt/client rw,relatime shared:24 - fuseblk /dev/loop5 rw,user_id=0,group_id=0,allow_other",
            "45 40 0:96 / /mnt/fat/inner rw,relatime shared:25 - ext4 /dev/loop6 rw",
            "46 29 0:97 / /mnt/fatty rw,relatime shared:26 - ext4 /dev/loop7 rw");

    @Test
    void theFilesystemHoldingAPathIsTheDeepestMountAboveIt() {
        assertEquals(Optional.of("vfat"), MountTable.fsTypeOf(Path.of("/mnt/fat"), MOUNTINFO));
        assertEquals(Optional.of("vfat"), MountTable.fsTypeOf(Path.of("/mnt/fat/sub/dir"), MOUNTINFO));
        assertEquals(Optional.of("ext4"), MountTable.fsTypeOf(Path.of("/mnt/fat/inner/x"), MOUNTINFO));
        assertEquals(Optional.of("ext4"), MountTable.fsTypeOf(Path.of("/mnt/fatty"), MOUNTINFO), "a name that only starts like a mount point");
        assertEquals(Optional.of("ntfs3"), MountTable.fsTypeOf(Path.of("/mnt/kernel ntfs/Users"), MOUNTINFO));
        assertEquals(Optional.of("fuseblk"), MountTable.fsTypeOf(Path.of("/mnt/client"), MOUNTINFO));
        assertEquals(Optional.of("ext4"), MountTable.fsTypeOf(Path.of("/srv"), MOUNTINFO));
    }

    @Test
    void volumesThatCannotCarryWindowsAclsAreRefused() {
        for (String mnt : List.of("/mnt/fat", "/mnt/fat/sub", "/mnt/kernel ntfs", "/mnt/ex", "/mnt/old")) {
            var e = assertThrows(BadInputException.class, () -> MountTable.refuseUnfitFilesystem(Path.of(mnt), mnt, MOUNTINFO), mnt);
            assertTrue(e.getMessage().startsWith("--target " + mnt + ": the volume is mounted with "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        var ntfs3 = assertThrows(BadInputException.class, () -> MountTable.refuseUnfitFilesystem(Path.of("/mnt/kernel ntfs"), "/mnt/k", MOUNTINFO));
        assertTrue(ntfs3.getMessage().contains("ntfs3") && ntfs3.getMessage().contains("ntfs-3g -o permissions"), ntfs3.getMessage());
        for (String ok : List.of("/mnt/client", "/mnt/fat/inner", "/mnt/fatty", "/srv/clients/pc1")) {
            assertDoesNotThrow(() -> MountTable.refuseUnfitFilesystem(Path.of(ok), ok, MOUNTINFO), ok);
        }
    }
}
