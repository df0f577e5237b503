package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.registry.BlankHive;
import prestage.core.testing.NtfsImage;
import prestage.shell.Prestage.Result;

/**
 * Issue 6 end to end: the unchanged MED-V recipe prepares an offline Windows volume (an NTFS image mounted with
 * ntfs-3g, with an x64-shaped SOFTWARE hive), and only outside tools judge the result: ntfssecaudit for the
 * descriptors, ntfsinfo for the read-only attribute, ntfscat and sha256sum for the contents, hivexget for the
 * registry value.
 */
@DisabledOnOs(OS.WINDOWS)
class OfflineVolumeEndToEndTest {
    private static final Path RECIPE = Path.of("../scripts/medv-prestage.groovy").toAbsolutePath().normalize();
    private static final String ROOT = "/MED-V Images";
    private static final String PRESTAGED = ROOT + "/PrestagedImages";
    private static final String HIVE = "/Windows/System32/config/SOFTWARE";
    private static final List<Ace> MEDV = List.of(
            new Ace(0, 0x3, 0x12008d, "S-1-5-11"), new Ace(0, 0x3, 0x1f01ff, "S-1-5-18"), new Ace(0, 0x3, 0x1f01ff, "S-1-5-32-544"));
    private static final List<Ace> MEDV_INHERITED_BY_FILES = List.of(
            new Ace(0, 0x10, 0x12008d, "S-1-5-11"), new Ace(0, 0x10, 0x1f01ff, "S-1-5-18"), new Ace(0, 0x10, 0x1f01ff, "S-1-5-32-544"));

    @TempDir
    Path dir;

    record Ace(int type, int flags, int mask, String sid) {
    }



    @Test
    void theMedvRecipePreparesAnOfflineVolumeThatOutsideToolsAccept() throws Exception {
        Path images = sampleImages(dir.resolve("images"));
        try (NtfsImage volume = NtfsImage.create(dir, 64).withInheritance(NtfsImage.DEFAULT_USER_MAPPING)) {
            Path c = volume.mountPoint();
            Files.createDirectories(c.resolve("Windows/System32/config"));
            BlankHive.write(c.resolve("Windows/System32/config/SOFTWARE"), true);
            String target = c.toString();

            // what-if shows every change and makes none
            Result plan = prestage("run", RECIPE.toString(), "--target", target, "-p", "source=" + images, "--what-if", "--json");
            assertEquals(3, plan.exit(), plan.err());
            assertTrue(plan.json().at("/summary/changed").asInt() >= 5, plan.out());
            assertFalse(Files.exists(c.resolve("MED-V Images")), "what-if created the store");

            Result run = prestage("run", RECIPE.toString(), "--target", target, "-p", "source=" + images);
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\" START_MEDV=0 /quiet"), run.out());
            Result status = prestage("status", "C:\\", "--target", target);
            assertEquals(0, status.exit(), status.out() + status.err());

            volume.unmount();
            judgeOffline(volume.image(), images);

            // a second run finds everything in place and rewrites nothing
            volume.mount("permissions", "inherit");
            Map<Path, FileTime> before = mtimes(c);
            Result again = prestage("run", RECIPE.toString(), "--target", target, "-p", "source=" + images, "--json");
            assertEquals(0, again.exit(), again.err());
            assertEquals(0, again.json().at("/summary/changed").asInt(), again.out());
            assertEquals(before, mtimes(c));
            assertEquals("", run(List.of("sha256sum", "--quiet", "-c", "SHA256SUMS"), c.resolve("MED-V Images/PrestagedImages")));

            damageOneThingAtATime(volume);
        }
    }

    private void judgeOffline(Path image, Path images) throws IOException {
        for (String folder : List.of(ROOT, PRESTAGED)) {
            String audit = run(List.of("ntfssecaudit", "-vv", image.toString(), folder), null);
            assertEquals(MEDV, aces(audit), folder + ":\n" + audit);
            assertTrue((control(audit) & 0x1000) != 0, folder + " DACL is not protected:\n" + audit);
        }
        for (String name : List.of("Win7Corp.ckm", "Win7Corp.ckm.index")) {
            String file = PRESTAGED + "/" + name;
            assertEquals(MEDV_INHERITED_BY_FILES, aces(run(List.of("ntfssecaudit", "-vv", image.toString(), file), null)), file);
            String info = run(List.of("ntfsinfo", "-F", file, image.toString()), null);
            Matcher attrs = Pattern.compile("File attributes:\\s+([A-Z_ ]+)\\(").matcher(info);
            assertTrue(attrs.find() && attrs.group(1).contains("READONLY"), file + " is not read-only:\n" + info);
            String onVolume = run(List.of("sh", "-c", "ntfscat \"$0\" \"$1\" | sha256sum", image.toString(), file), null).split(" ")[0];
            String original = run(List.of("sha256sum", images.resolve(name).toString()), null).split(" ")[0];
            assertEquals(original, onVolume, file);
        }
        assertFalse(run(List.of("sh", "-c", "ntfsls \"$0\" -p \"$1\"", image.toString(), PRESTAGED), null).contains("readme.txt"));
        Path hive = dir.resolve("SOFTWARE.copy");
        run(List.of("sh", "-c", "ntfscat \"$0\" \"$1\" > \"$2\"", image.toString(), HIVE, hive.toString()), null);
        assertEquals("C:\\MED-V Images\\PrestagedImages",
                run(List.of("hivexget", hive.toString(), "\\WOW6432Node\\Kidaro", "PrestagedImagesPath"), null).strip());
    }

    /** Each damage, made by an outside tool, is the one drift that status reports; then it is mended. */
    private void damageOneThingAtATime(NtfsImage volume) throws Exception {
        Path c = volume.mountPoint();
        String target = c.toString();
        Path root = c.resolve("MED-V Images");
        Path ckm = root.resolve("PrestagedImages/Win7Corp.ckm");

        // an ACE: Authenticated Users loses FILE_APPEND_DATA (0x12008d -> 0x120089)
        String acl = run(List.of("getfattr", "--absolute-names", "-n", "system.ntfs_acl", "-e", "hex", root.toString()), null);
        String hex = acl.substring(acl.indexOf("=0x") + 3).strip();
        assertTrue(hex.contains("8d001200"), hex);
        run(List.of("setfattr", "-n", "system.ntfs_acl", "-v", "0x" + hex.replace("8d001200", "89001200"), root.toString()), null);
        assertEquals(List.of("acl C:\\MED-V Images"), drift(prestage("status", "C:\\", "--target", target, "--json")));
        assertEquals(0, prestage("acl", "apply", "C:\\MED-V Images", "medv", "--protect", "--target", target).exit());

        // a byte of an image (the read-only mark is lifted and put back around the write)
        run(List.of("setfattr", "-n", "system.ntfs_attrib", "-v", "0x20000000", ckm.toString()), null);
        run(List.of("sh", "-c", "printf 'X' | dd of=\"$0\" bs=1 seek=1000 conv=notrunc status=none", ckm.toString()), null);
        run(List.of("setfattr", "-n", "system.ntfs_attrib", "-v", "0x21000000", ckm.toString()), null);
        assertEquals(List.of("verify C:\\MED-V Images\\PrestagedImages"), drift(prestage("status", "C:\\", "--target", target, "--json")));
        Result repush = prestage("push", dir.resolve("images").toString(), "--to", "C:\\MED-V Images\\PrestagedImages", "--force", "--target", target);
        assertEquals(0, repush.exit(), repush.out() + repush.err());
        assertEquals(0, prestage("verify", "C:\\MED-V Images\\PrestagedImages", "--read-only", "--target", target).exit());

        // the registry value, changed with hivexregedit
        Path hive = c.resolve("Windows/System32/config/SOFTWARE");
        Path reg = Files.writeString(dir.resolve("elsewhere.reg"),
                "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Kidaro]\n\"PrestagedImagesPath\"=\"D:\\\\Images\"\n");
        run(List.of("hivexregedit", "--merge", "--prefix", "HKEY_LOCAL_MACHINE\\SOFTWARE", hive.toString(), reg.toString()), null);
        assertEquals(List.of("registry HKLM\\SOFTWARE\\Kidaro\\PrestagedImagesPath"), drift(prestage("status", "C:\\", "--target", target, "--json")));

        assertEquals(0, prestage("registry", "set", "HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", "C:\\MED-V Images\\PrestagedImages",
                "--view", "32", "--target", target).exit());
        Result healthy = prestage("status", "C:\\", "--target", target);
        assertEquals(0, healthy.exit(), healthy.out() + healthy.err());
    }

    /** "verb subject" of each drifting check in a status document, leaving out the summary step. */
    private static List<String> drift(Result status) throws IOException {
        assertEquals(3, status.exit(), status.out() + status.err());
        var out = new ArrayList<String>();
        for (JsonNode step : status.json().get("steps")) {
            if (step.get("status").asText().equals("drift") && !step.path("data").has("checks")) {
                out.add(step.get("verb").asText() + " " + step.get("subject").asText());
            }
        }
        return out;
    }

    /** The ACEs as ntfssecaudit -vv interprets them. */
    static List<Ace> aces(String audit) {
        var out = new ArrayList<Ace>();
        String[] blocks = audit.split("\n    ACE \\d+ at ");
        for (int i = 1; i < blocks.length; i++) {
            String b = blocks[i];
            out.add(new Ace(intAfter(b, "type\\s+(\\d+)"), intAfter(b, "flags\\s+0x([0-9a-f]+)", 16),
                    intAfter(b, "Acc rgts 0x([0-9a-f]+)", 16), stringAfter(b, "\\n\\s+dec (S-[0-9-]+)")));
        }
        return out;
    }

    private static int control(String audit) {
        return intAfter(audit, "flags\\s+0x([0-9a-f]+)", 16);
    }

    private static int intAfter(String text, String regex) {
        return intAfter(text, regex, 10);
    }

    private static int intAfter(String text, String regex, int radix) {
        return Integer.parseInt(stringAfter(text, regex), radix);
    }

    private static String stringAfter(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) throw new AssertionError("no " + regex + " in:\n" + text);
        return m.group(1);
    }

    private static Path sampleImages(Path dir) throws IOException {
        Files.createDirectories(dir);
        var random = new Random(6);
        byte[] ckm = new byte[3 << 20];
        random.nextBytes(ckm);
        byte[] index = new byte[64 << 10];
        random.nextBytes(index);
        Files.write(dir.resolve("Win7Corp.ckm"), ckm);
        Files.write(dir.resolve("Win7Corp.ckm.index"), index);
        Files.writeString(dir.resolve("readme.txt"), "not an image");
        return dir;
    }

    private static Map<Path, FileTime> mtimes(Path c) throws IOException {
        var out = new LinkedHashMap<Path, FileTime>();
        try (var files = Files.walk(c)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) out.put(c.relativize(p), Files.getLastModifiedTime(p));
        }
        return out;
    }

    private static String run(List<String> command, Path workDir) throws IOException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) pb.directory(workDir.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int exit = p.waitFor();
            if (exit != 0) throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
