package prestage.core.verb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import prestage.core.verb.Context;
import prestage.core.TestContexts;
import prestage.core.outcome.Status;
import prestage.core.profile.Profile;

@DisabledOnOs(OS.WINDOWS)
class StoreVerbTest {
    @TempDir
    Path drive;

    @Test
    void createsBothFoldersWithTheirExactNamesThenReportsOk() throws IOException {
        Context ctx = TestContexts.folder(drive, false);
        Store s = new StoreVerb(ctx, Profile.MEDV).store(new StoreRequest("C:\\"));
        assertEquals("C:\\MED-V Images", s.root());
        assertEquals("C:\\MED-V Images\\PrestagedImages", s.prestaged());
        assertTrue(Files.isDirectory(drive.resolve("MED-V Images").resolve("PrestagedImages")));
        try (var names = Files.list(drive)) {
            assertEquals(List.of("MED-V Images"), names.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(Status.CHANGED, s.step().status());
        assertEquals(List.of("+ C:\\MED-V Images\\", "+ C:\\MED-V Images\\PrestagedImages\\"), s.step().diff());

        Store again = new StoreVerb(TestContexts.folder(drive, false), Profile.MEDV).store(new StoreRequest("C:\\"));
        assertEquals(Status.OK, again.step().status());
        assertEquals(s.prestaged(), again.prestaged());
    }

    @Test
    void whatIfReportsTheChangeAndCreatesNothing() throws IOException {
        Context ctx = TestContexts.folder(drive, true);
        Store s = new StoreVerb(ctx, Profile.MEDV).store(new StoreRequest("C:\\"));
        assertEquals(Status.CHANGED, s.step().status());
        assertEquals(3, ctx.outcome().exitCode());
        assertTrue(ctx.plan().willExist(ctx.client().path(s.prestaged())), "later what-if steps can plan against the folders");
        try (var names = Files.list(drive)) {
            assertEquals(0, names.count());
        }
    }

    @Test
    void aFolderThatDiffersOnlyInCaseCountsAsPresentAndIsReported() throws IOException {
        Files.createDirectories(drive.resolve("med-v images").resolve("prestagedimages"));
        Context ctx = TestContexts.folder(drive, false);
        Store s = new StoreVerb(ctx, Profile.MEDV).store(new StoreRequest("C:\\"));
        assertEquals(Status.OK, s.step().status());
        assertEquals("C:\\MED-V Images\\PrestagedImages", s.prestaged());
        assertTrue(Files.isDirectory(drive.resolve("med-v images").resolve("prestagedimages")));
        assertEquals(2, ctx.outcome().warnings().size(), ctx.outcome().warnings().toString());
        assertTrue(ctx.outcome().warnings().get(0).contains("exists as 'med-v images'"));
    }

    @Test
    void aFileWhereAFolderBelongsIsBadInputAndNothingIsCreated() throws IOException {
        Files.writeString(drive.resolve("MED-V Images"), "not a folder");
        Context ctx = TestContexts.folder(drive, false);
        var e = assertThrows(BadInputException.class, () -> new StoreVerb(ctx, Profile.MEDV).store(new StoreRequest("C:\\")));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        assertFalse(Files.isDirectory(drive.resolve("MED-V Images")));
        assertTrue(ctx.outcome().steps().isEmpty());
    }
}
