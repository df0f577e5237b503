package prestage.core.client.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.client.Client;
import prestage.core.client.open.Clients;

/** A file written as it is made (the manifest) is the old file or the whole new one, whatever stops the writing. */
@EnabledOnOs(OS.LINUX)
class AtomicWriteTest {
    @TempDir
    Path drive;

    @Test
    void contentThatFailsHalfwayLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Client c = Clients.open(drive.toString(), null);
        var file = c.path("C:\\Store\\SHA256SUMS");
        c.makeFolders(file.parent());
        c.writeAtomically(file, "old\n".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[1 << 20]; // past the write buffer, so part of it reaches the temporary file first
        var e = assertThrows(IOException.class, () -> c.writeAtomically(file, out -> {
            out.write(big);
            throw new IOException("no space left on device");
        }));
        assertEquals("no space left on device", e.getMessage());
        Path folder = drive.resolve("Store");
        assertArrayEquals("old\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(folder.resolve("SHA256SUMS")));
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(1, left.count(), "only the old file is there");
        }
    }

    @Test
    void contentWrittenInPiecesReplacesTheFileWhole() throws Exception {
        Client c = Clients.open(drive.toString(), null);
        var file = c.path("C:\\SHA256SUMS.prestage.json");
        c.writeAtomically(file, "{}".getBytes(StandardCharsets.UTF_8));
        var lines = java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "line " + i + "\n").toList();
        c.writeAtomically(file, out -> {
            for (String line : lines) out.write(line.getBytes(StandardCharsets.UTF_8));
        });
        // made before the write and apart from it: 10 lines of 7 bytes, 90 of 8, 900 of 9, 9,000 of 10, 10,000 of 11
        String expected = String.join("", lines);
        assertEquals(208_890, Files.size(drive.resolve("SHA256SUMS.prestage.json")));
        assertEquals(expected, Files.readString(drive.resolve("SHA256SUMS.prestage.json")));
    }
}
