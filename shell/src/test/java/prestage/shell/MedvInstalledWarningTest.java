package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prestage.shell.Prestage.prestage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import prestage.shell.Prestage.Result;

/**
 * Where the client's Uninstall keys list MED-V, push and status warn that a pushed image will not serve an update; a
 * warning (exit status unchanged) that --json carries. The registry here is a .reg file, as regedit exports one.
 */
class MedvInstalledWarningTest {
    private static final String UNINSTALL = "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\"
            + "{6F330B47-2577-43AD-9095-1861BA25889B}";

    private static Path regFile(Path dir, boolean medv) throws Exception {
        String body = "Windows Registry Editor Version 5.00\r\n\r\n[" + UNINSTALL + "]\r\n\"DisplayName\"=\""
                + (medv ? "Microsoft Enterprise Desktop Virtualization" : "Some Other Product") + "\"\r\n\"DisplayVersion\"=\"1.0.65\"\r\n";
        byte[] utf16 = body.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        return Files.write(dir.resolve(medv ? "medv.reg" : "other.reg"), withBom);
    }

    private static Result push(Path dir, Path reg, String name) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + name));
        Files.writeString(src.resolve("Win7.ckm"), "image");
        Files.writeString(src.resolve("Win7.ckm.index"), "index");
        Path target = Files.createDirectories(dir.resolve("pc-" + name));
        return prestage("push", src.toString(), "--to", "C:\\MED-V Images\\PrestagedImages", "--target", target.toString(),
                "--registry", reg.toString(), "--json");
    }

    @Test
    void pushWarnsWhereMedvIsInstalled(@TempDir Path dir) throws Exception {
        Result r = push(dir, regFile(dir, true), "medv");
        assertEquals(0, r.exit(), r.err());
        JsonNode warnings = r.json().get("warnings");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).asText().contains("MED-V is installed on"), warnings.toString());
        assertTrue(warnings.get(0).asText().contains("Microsoft Enterprise Desktop Virtualization 1.0.65"), warnings.toString());
        assertTrue(warnings.get(0).asText().contains("a pushed image will not be used for an update"), warnings.toString());
    }

    @Test
    void noWarningWhereItIsNot(@TempDir Path dir) throws Exception {
        Result r = push(dir, regFile(dir, false), "other");
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, r.json().get("warnings").size(), r.json().get("warnings").toString());
    }
}
