package prestage.core.images;

import prestage.core.TestClients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.BadInputException;

class ManifestTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    private static ManifestEntry entry(String name, String sha, long size, long chunk, List<String> checkpoints) {
        return new ManifestEntry(name, sha, Optional.of(new ManifestEntry.Details(size, Instant.parse("2024-05-01T10:00:00.123456789Z"), chunk,
                checkpoints, Optional.of(new ManifestEntry.SourceStamp("/src/" + name, size, Instant.parse("2024-05-01T10:00:00Z"))))));
    }

    /** The SHA-256 of {@code hello\n} and of nothing, as sha256sum prints them. */
    private static final String HELLO = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void savesWhatSha256sumPrintsSortedAndReadsItBack() throws Exception {
        Files.writeString(dir.resolve("W.ckm"), "hello\n");
        Files.writeString(dir.resolve("x.ckm.index"), "");
        var m = Manifest.empty();
        m.put(entry("x.ckm.index", EMPTY, 0, 64, List.of()));
        m.put(entry("W.ckm", HELLO, 6, 4, List.of("c".repeat(64), HELLO)));
        m.save(TestClients.NATIVE, TestClients.at(dir));

        // the judge: sha256sum reads the file as its own, every line, and finds both files as they are
        assertEquals("W.ckm: OK\nx.ckm.index: OK\n", Fixtures.runOk(dir, "sha256sum", "-c", "--strict", "SHA256SUMS").out());
        assertEquals(HELLO + "  W.ckm\n" + EMPTY + "  x.ckm.index\n", Files.readString(dir.resolve("SHA256SUMS")));
        var back = Manifest.load(TestClients.NATIVE, TestClients.at(dir));
        assertTrue(back.present());
        assertEquals(entry("W.ckm", HELLO, 6, 4, List.of("c".repeat(64), HELLO)), back.get("w.CKM").orElseThrow(), "found without regard to case");
        assertEquals(List.of(), Fixtures.names(dir).stream().filter(n -> n.startsWith(".")).toList(), "no temporary file left");
    }

    @Test
    void readsWhatSha256sumWrites() throws Exception {
        Files.writeString(dir.resolve("W.ckm"), "hello\n");
        Files.writeString(dir.resolve("x.ckm.index"), "");
        Fixtures.runOk(dir, "sh", "-c", "sha256sum W.ckm > SHA256SUMS && sha256sum -b x.ckm.index >> SHA256SUMS");
        var m = Manifest.load(TestClients.NATIVE, TestClients.at(dir));
        assertEquals(HELLO, m.get("W.ckm").orElseThrow().sha256());
        assertEquals(EMPTY, m.get("x.ckm.index").orElseThrow().sha256(), "the binary marker sha256sum -b writes");
    }

    @Test
    void acceptsBinaryMarkersAndWindowsLineEnds() throws Exception {
        Files.writeString(dir.resolve("SHA256SUMS"), A.toUpperCase() + " *a.ckm\r\n\r\n" + B + "  b.ckm\r\n");
        var m = Manifest.load(TestClients.NATIVE, TestClients.at(dir));
        assertEquals(A, m.get("a.ckm").orElseThrow().sha256(), "hex is kept lower-case");
        assertEquals(B, m.get("b.ckm").orElseThrow().sha256());
        assertTrue(m.get("a.ckm").orElseThrow().details().isEmpty());
    }

    @Test
    void aNameThatDiffersOnlyInCaseReplacesTheEntry() {
        var m = Manifest.empty();
        m.put(ManifestEntry.plain("A.ckm", A));
        m.put(ManifestEntry.plain("a.ckm", B));
        assertEquals(B + "  a.ckm\n", m.sumsText());
    }

    @Test
    void sidecarDetailsThatDisagreeWithTheSumsAreDroppedAndNamed() throws Exception {
        var m = Manifest.empty();
        m.put(entry("a.ckm", A, 10, 64, List.of(A)));
        m.save(TestClients.NATIVE, TestClients.at(dir));
        Files.writeString(dir.resolve("SHA256SUMS"), B + "  a.ckm\n");

        var back = Manifest.load(TestClients.NATIVE, TestClients.at(dir));
        assertEquals(List.of("a.ckm"), back.staleDetails());
        assertTrue(back.get("a.ckm").orElseThrow().details().isEmpty());
    }

    @Test
    void aSidecarWhoseLastCheckpointIsNotTheFileHashIsRefused() throws Exception {
        assertSidecarRefused(entry("a.ckm", A, 10, 64, List.of(B)), "entry 'a.ckm': the last checkpoint is not the file's sha256");
    }

    @Test
    void aSidecarWithTheWrongNumberOfCheckpointsIsRefused() throws Exception {
        assertSidecarRefused(entry("a.ckm", A, 200, 64, List.of(A)), "\"checkpoints\" must list 4 hashes for 200 bytes");
    }

    /** Saves {@code bad} and reads it back: the load is refused with a message that holds {@code why}. */
    private void assertSidecarRefused(ManifestEntry bad, String why) throws Exception {
        var m = Manifest.empty();
        m.put(bad);
        m.save(TestClients.NATIVE, TestClients.at(dir));
        var e = assertThrows(BadInputException.class, () -> Manifest.load(TestClients.NATIVE, TestClients.at(dir)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void noSumsFileIsAnEmptyManifest() throws Exception {
        Files.writeString(dir.resolve("SHA256SUMS.prestage.json"), "not even json");
        assertFalse(Manifest.load(TestClients.NATIVE, TestClients.at(dir)).present(), "a sidecar alone means nothing");
    }

    @Test
    void aSumsFileThatIsNotTextIsRefused() throws Exception {
        Files.write(dir.resolve("SHA256SUMS"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        var e = assertThrows(BadInputException.class, () -> Manifest.load(TestClients.NATIVE, TestClients.at(dir)));
        assertEquals(dir.resolve("SHA256SUMS") + " is not UTF-8 text (is it a checksum list?); delete it and push again", e.getMessage());
    }

    @Test
    void theJournalIgnoresATornLastLineAndLinesOutOfOrder() throws Exception {
        Path j = dir.resolve(".a.ckm.prestage-journal");
        Files.writeString(j, "prestage-journal 1\nsource-size 300\nsource-modified 2024-05-01T10:00:00Z\nchunk-size 100\n"
                + "chunk 0 " + A + "\nchunk 1 " + B + "\nchunk 2 " + A.substring(0, 20));
        var claim = ChunkJournal.read(TestClients.NATIVE, TestClients.at(j)).orElseThrow();
        assertEquals(List.of(A, B), claim.checkpoints());
        Files.writeString(j, "prestage-journal 1\nsource-size 300\nsource-modified 2024-05-01T10:00:00Z\nchunk-size 100\nchunk 1 " + A + "\n");
        assertEquals(List.of(), ChunkJournal.read(TestClients.NATIVE, TestClients.at(j)).orElseThrow().checkpoints());
        Files.writeString(j, "something else\n");
        assertTrue(ChunkJournal.read(TestClients.NATIVE, TestClients.at(j)).isEmpty());
    }
}
