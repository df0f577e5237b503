package prestage.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import prestage.core.BadInputException;

/** Every refusal is one line naming the file or value and what to do, and leaves the store as it was. */
class PushBadInputTest extends PushedStore {
    Map<String, String> before;

    @BeforeEach
    void aStoreWithOneImage() throws Exception {
        pushImage("A.ckm", 100_000, 1_000);
        before = Fixtures.snapshot(store);
    }

    private String refused(Executable push) throws Exception {
        var e = assertThrows(BadInputException.class, push);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, Fixtures.snapshot(store), "nothing changed");
        return e.getMessage();
    }

    private void push(List<String> sources, String to, PushOptions options) {
        Fixtures.push(Fixtures.context(drive)).push(new PushRequest(sources, to, options));
    }

    @Test
    void aMissingSource() throws Exception {
        String m = refused(() -> push(List.of(src.toString(), tmp.resolve("nope.ckm").toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: source '" + tmp.resolve("nope.ckm") + "' does not exist; check the path", m);
    }

    @Test
    void aDestinationThatIsAFile() throws Exception {
        String m = refused(() -> push(List.of(src.toString()), STORE + "\\A.ckm", PushOptions.DEFAULTS));
        assertEquals("push: --to " + STORE + "\\A.ckm is a file, not a folder; give the store folder (e.g. C:\\MED-V Images\\PrestagedImages)", m);
    }

    @Test
    void aDestinationThatClimbsOutOfTheDrive() throws Exception {
        String m = refused(() -> push(List.of(src.toString()), "C:\\..\\..\\etc", PushOptions.DEFAULTS));
        assertTrue(m.contains("climbs above C:\\"), m);
    }

    @Test
    void anImageNameTheClientRefuses() throws Exception {
        Fixtures.randomFile(src.resolve("My Image.ckm"), 10, 3);
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: " + src.resolve("My Image.ckm") + ": 'My Image.ckm' is not a valid MED-V image name (it contains a space; names may "
                + "not contain a space or \" < > | \\ / : * ?, end in a dot, or be a device name such as CON or NUL); rename the file", m);
        Files.delete(src.resolve("My Image.ckm"));
        Fixtures.randomFile(src.resolve("a|b.ckm"), 10, 3);
        assertTrue(refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS)).contains("(it contains '|';"));
    }

    @Test
    void namesWindowsCannotHold() throws Exception {
        for (String name : List.of("CON.ckm", "nul.index", "Com1.ckm", "LPT9.ckm.index", "aux", "prn.CKM", "COM\u00b9.ckm",
                "a.ckm.", "a.ckm ")) {
            Path bad = Fixtures.randomFile(tmp.resolve("bad").resolve(name), 10, 5);
            String m = refused(() -> push(List.of(bad.toString()), STORE, PushOptions.DEFAULTS));
            assertTrue(m.startsWith("push: " + bad + ": '"), m);
            assertTrue(m.endsWith("rename the file"), m);
            if (!name.endsWith(".") && !name.endsWith(" ")) {
                assertTrue(m.contains("is a reserved Windows device name"), m);
            }
            Files.delete(bad);
        }
        // not devices: the stem is longer, or the device name is not the stem
        for (String name : List.of("CONSOLE.ckm", "a.con.ckm", "COM10.ckm", "LPT.ckm")) {
            assertTrue(ImageNames.problem(name).isEmpty(), name);
        }
        assertTrue(ImageNames.problem("a.ckm.").get().contains("trailing dot"));
        assertTrue(ImageNames.problem("a.ckm ").get().contains("space"));
        assertTrue(ImageNames.problem("x".repeat(300) + ".ckm").get().contains("Windows allows 255"));
    }

    @Test
    void anEmptyImage() throws Exception {
        Path empty = Files.createFile(src.resolve("Empty.ckm"));
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: " + empty + " is empty (0 bytes); an image never is: copy it again from its source", m);
        assertFalse(Files.exists(store.resolve("Empty.ckm")));
    }

    @Test
    void twoSourcesForOneName() throws Exception {
        Fixtures.randomFile(tmp.resolve("other").resolve("a.CKM"), 10, 4);
        String m = refused(() -> push(List.of(src.toString(), tmp.resolve("other").toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: two sources would both be a.CKM in the store (" + src.resolve("A.ckm") + " and " + tmp.resolve("other").resolve("a.CKM")
                + "; Windows does not tell names apart by case); push one of them", m);
    }

    @Test
    void theSameFileTwiceIsFine() throws Exception {
        var step = Fixtures.push(Fixtures.context(drive)).push(new PushRequest(List.of(src.toString(), src.resolve("A.ckm").toString()), STORE, PushOptions.DEFAULTS));
        assertEquals(prestage.core.outcome.Status.OK, step.status(), step.message());
    }

    @Test
    void aDanglingSymbolicLink() throws Exception {
        Files.createSymbolicLink(src.resolve("Gone.ckm"), tmp.resolve("deleted.ckm"));
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: " + src.resolve("Gone.ckm") + " is a symbolic link to " + tmp.resolve("deleted.ckm")
                + ", which does not exist; fix the link or name the file itself", m);
    }

    @Test
    void aFolderWithNothingToPush() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        String m = refused(() -> push(List.of(tmp.resolve("empty").toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: nothing to push: no file in " + tmp.resolve("empty") + " matches *.ckm, *.index; name the files, or give --include patterns", m);
    }

    @Test
    void badIncludePatternsAndJobs() throws Exception {
        assertEquals("--include 'sub/*.ckm': give a file name pattern such as *.ckm, without folders",
                refused(() -> push(List.of(src.toString()), STORE, new PushOptions(List.of("sub/*.ckm"), 0, false))));
        assertTrue(refused(() -> push(List.of(src.toString()), STORE, new PushOptions(List.of("*.{ckm"), 0, false)))
                .startsWith("--include '*.{ckm' is not a valid pattern"));
        assertEquals("--jobs -1: give how many files to copy at once, 1 or more (0 picks for this machine)",
                refused(() -> new PushOptions(List.of(), -1, false)));
    }

    @Test
    void aCorruptedSumsFile() throws Exception {
        Files.writeString(store.resolve("SHA256SUMS"), "garbage\n");
        before = Fixtures.snapshot(store);
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertEquals(STORE + "\\SHA256SUMS line 1 is not a checksum line ('garbage'): each line is 64 hex digits, two spaces and a file name; "
                + "fix the line, or delete SHA256SUMS and push again", m);
    }

    @Test
    void aCorruptedSidecar() throws Exception {
        Files.writeString(store.resolve("SHA256SUMS.prestage.json"), "{\"format\": \"prestage-manifest 1\", \"files\": {");
        before = Fixtures.snapshot(store);
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertTrue(m.startsWith(STORE + "\\SHA256SUMS.prestage.json is not valid JSON (line 1, column "), m);
        assertTrue(m.endsWith("; delete SHA256SUMS.prestage.json and push again (push re-hashes what it needs)"), m);
    }

    @Test
    void aSidecarEntryWithAPathInItsName() throws Exception {
        String sums = Files.readString(store.resolve("SHA256SUMS"));
        Files.writeString(store.resolve("SHA256SUMS.prestage.json"), "{\"format\": \"prestage-manifest 1\", \"files\": {\"..\\\\x\": {}}}");
        before = Fixtures.snapshot(store);
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertTrue(m.startsWith(STORE + "\\SHA256SUMS.prestage.json entry '..\\x': '..\\x' is not a file name in this folder"), m);
        assertEquals(sums, Files.readString(store.resolve("SHA256SUMS")));
    }

    @Test
    void aSumsFileListingANameTwice() throws Exception {
        String line = Files.readAllLines(store.resolve("SHA256SUMS")).get(0);
        Files.writeString(store.resolve("SHA256SUMS"), line + "\n" + line.toUpperCase().substring(0, 64).toLowerCase() + "  a.CKM\n");
        before = Fixtures.snapshot(store);
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertEquals(STORE + "\\SHA256SUMS line 2 lists 'a.CKM' again (first on line 1; Windows does not tell names apart by case); keep one of the two lines", m);
    }

    @Test
    void aFolderWhereAnImageShouldGo() throws Exception {
        Fixtures.randomFile(src.resolve("B.ckm"), 10, 5);
        Files.createDirectories(store.resolve("B.ckm"));
        before = Fixtures.snapshot(store);
        String m = refused(() -> push(List.of(src.toString()), STORE, PushOptions.DEFAULTS));
        assertEquals("push: " + STORE + "\\B.ckm is a folder; move it away so B.ckm can be copied", m);
    }

    @Test
    void noSourcesOrNoDestination() throws Exception {
        assertEquals("push: no SOURCE given; name the image files or the folders that hold them",
                refused(() -> push(List.of(), STORE, PushOptions.DEFAULTS)));
        assertEquals("push: no destination; give --to DIR, the store folder (e.g. C:\\MED-V Images\\PrestagedImages)",
                refused(() -> push(List.of(src.toString()), " ", PushOptions.DEFAULTS)));
    }
}
