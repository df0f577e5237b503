package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.registry.BlankHive;
import prestage.core.testing.NtfsImage;
import prestage.shell.Prestage.Result;

/**
 * --what-if prints exactly the changes the real run then makes: the MED-V recipe's change lists (verb, subject, diff
 * lines) under what-if and for real are the same, on a folder client and on fresh ntfs-3g volumes (with and without
 * Windows-style inheritance).
 */
@EnabledOnOs(OS.LINUX)
class WhatIfFidelityTest {
    private static final Path RECIPE = Path.of("../scripts/medv-prestage.groovy").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void onAFolderClient() throws Exception {
        Path client = Files.createDirectories(dir.resolve("client"));
        assertSameChanges(client);
    }

    @Test
    void onAFreshNtfsVolume() throws Exception {
        try (NtfsImage volume = NtfsImage.create(dir, 64)) {
            hive(volume.mountPoint());
            assertSameChanges(volume.mountPoint());
        }
    }

    @Test
    void onAFreshNtfsVolumeWithInheritance() throws Exception {
        try (NtfsImage volume = NtfsImage.create(dir, 64).withInheritance(NtfsImage.DEFAULT_USER_MAPPING)) {
            hive(volume.mountPoint());
            assertSameChanges(volume.mountPoint());
        }
    }

    private static void hive(Path c) throws IOException {
        Files.createDirectories(c.resolve("Windows/System32/config"));
        BlankHive.write(c.resolve("Windows/System32/config/SOFTWARE"), true);
    }

    private void assertSameChanges(Path client) throws Exception {
        Path images = images(dir.resolve("images"));
        Result plan = prestage("run", RECIPE.toString(), "--target", client.toString(), "-p", "source=" + images, "--what-if", "--json");
        assertEquals(3, plan.exit(), plan.out() + plan.err());
        Result run = prestage("run", RECIPE.toString(), "--target", client.toString(), "-p", "source=" + images, "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(changes(plan.json()), changes(run.json()));
    }

    /** Each changed step as "verb subject" and its diff lines; wording of messages ("would set" / "set") is not compared. */
    private static List<String> changes(JsonNode doc) {
        var out = new ArrayList<String>();
        for (JsonNode step : doc.get("steps")) {
            if (!step.get("status").asText().equals("changed")) continue;
            out.add(step.get("verb").asText() + " " + step.get("subject").asText());
            for (JsonNode line : step.path("diff")) out.add("    " + line.asText().replaceAll("\\(\\d[\\d.]* s\\)", "(time)"));
        }
        return out;
    }

    private static Path images(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return dir;
        Files.createDirectories(dir);
        var random = new Random(9);
        byte[] ckm = new byte[1 << 20];
        random.nextBytes(ckm);
        Files.write(dir.resolve("Win7.ckm"), ckm);
        Files.write(dir.resolve("Win7.ckm.index"), new byte[] {1, 2, 3});
        return dir;
    }
}
