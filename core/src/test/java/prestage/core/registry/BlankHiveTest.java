package prestage.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated hives are judged by hivex's own tools, not by the generator's idea of the format. */
class BlankHiveTest {
    @TempDir
    Path dir;

    @Test
    void anX64ShapedHiveHasWow6432NodeAndNothingElse() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        assertEquals(8192, Files.size(hive));
        String xml = Tools.ok("hivexml", hive.toString()).out();
        assertTrue(xml.contains("<node name=\"WOW6432Node\">"), xml);
        assertEquals(2, xml.split("<node ", -1).length - 1, "root and WOW6432Node only: " + xml);
        assertEquals("", Tools.ok("hivexget", hive.toString(), "\\WOW6432Node").out());
    }

    @Test
    void anX86ShapedHiveIsABareRoot() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, false);
        String xml = Tools.ok("hivexml", hive.toString()).out();
        assertEquals(1, xml.split("<node ", -1).length - 1, xml);
        assertFalse(xml.contains("WOW6432Node"));
    }

    @Test
    void hivexCanGrowItAndReadItBack() throws Exception {
        Path hive = dir.resolve("SOFTWARE");
        BlankHive.write(hive, true);
        Tools.hivexsh(hive, "cd \\WOW6432Node", "add Kidaro", "cd Kidaro", "setval 2",
                "Big", "hex:3:" + "ab".repeat(2000), "Big2", "hex:3:" + "cd".repeat(2000)); // more than the first bin's free space
        assertTrue(Files.size(hive) > 8192, "hivex added a bin");
        assertEquals(2000, Tools.ok("hivexget", hive.toString(), "\\WOW6432Node\\Kidaro", "Big2").stdout().length);
    }
}
