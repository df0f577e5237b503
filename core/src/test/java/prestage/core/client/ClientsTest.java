package prestage.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.BadInputException;
import prestage.core.client.open.Clients;

@DisabledOnOs(OS.WINDOWS)
class ClientsTest {
    @TempDir
    Path drive;

    @Test
    void aFolderClientReadsDrivePathsAndShowsThemAsTheClientDoes() throws IOException {
        Client c = Clients.open(drive.toString(), null);
        assertEquals("folder", c.kind());
        ClientPath p = c.path("c:/MED-V Images/PrestagedImages/");
        assertEquals(List.of("MED-V Images", "PrestagedImages"), p.names());
        assertEquals("C:\\MED-V Images\\PrestagedImages", p.toString());
        assertEquals("C:\\", c.path("C:\\").toString());
        c.makeFolder(c.path("C:\\MED-V Images"));
        assertTrue(Files.isDirectory(drive.resolve("MED-V Images")));
    }

    @Test
    void namesDifferingOnlyInCaseAreTheSameFolderAsOnWindows() throws IOException {
        Files.createDirectories(drive.resolve("med-v images"));
        Client c = Clients.open(drive.toString(), null);
        assertEquals("med-v images", c.stat(c.path("C:\\MED-V Images")).orElseThrow().name());
        c.makeFolder(c.path("C:\\MED-V Images\\PrestagedImages"));
        assertTrue(Files.isDirectory(drive.resolve("med-v images").resolve("PrestagedImages")));
    }

    @Test
    void pathsThatAreNotClientDrivePathsAreRefused() {
        Client c = Clients.open(drive.toString(), null);
        assertTrue(assertThrows(BadInputException.class, () -> c.path("C:\\..\\etc")).getMessage().contains("climbs above C:\\"));
        assertTrue(assertThrows(BadInputException.class, () -> c.path("D:\\images")).getMessage().contains("only the C: drive"));
        assertThrows(BadInputException.class, () -> c.path("C:\\a<b"));
        for (String bad : List.of("..\\x", "x", "\\\\server\\share\\x", "//server/share", "/etc/passwd", "\\Windows")) {
            var e = assertThrows(BadInputException.class, () -> c.path(bad), bad);
            assertTrue(e.getMessage().contains("give a full client path"), e.getMessage());
        }
    }

    @Test
    void withoutAClientWindowsPathsAreAClearErrorAndNativePathsPassThrough() {
        Client c = Clients.open(null, null);
        assertEquals("native", c.kind());
        var e = assertThrows(BadInputException.class, () -> c.path("C:\\MED-V Images"));
        assertTrue(e.getMessage().contains("--target"), e.getMessage());
        assertEquals("/srv/images", c.path("/srv/images").toString());
    }

    @Test
    void aMissingClientFolderOrLiveOnLinuxOrSmbWithoutTheModuleIsBadInput() {
        assertThrows(BadInputException.class, () -> Clients.open(drive.resolve("nope").toString(), null));
        var live = assertThrows(BadInputException.class, () -> Clients.open("live", null));
        assertTrue(live.getMessage().contains("only on Windows"), live.getMessage());
        assertTrue(Clients.isRemote("\\\\pc042\\C$"));
        assertTrue(Clients.isRemote("smb://admin@pc042/C$"));
    }
}
