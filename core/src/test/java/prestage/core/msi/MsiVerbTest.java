package prestage.core.msi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.BadInputException;
import prestage.core.Context;
import prestage.core.TestContexts;

class MsiVerbTest {
    @TempDir
    Path drive;

    private MsiCommand build(Context ctx, Map<String, String> props, boolean force, Optional<String> store) {
        return new MsiVerb(ctx).build("MED-V_1.0.65.msi", props, true, "C:\\Logs\\medv install.log", force, store);
    }

    private static Map<String, String> props(String... kv) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void quotesValuesWithSpacesAndKeepsTheDocumentedOrderOfSwitches() {
        var ctx = TestContexts.folder(drive, false);
        var cmd = build(ctx, props("VMSFOLDER", "C:\\MED-V Images", "start_medv", "0", "SERVER_PORT", "443"), false, Optional.empty());
        assertEquals("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\" START_MEDV=0 SERVER_PORT=443 /quiet /log \"C:\\Logs\\medv install.log\"",
                cmd.toString());
        assertEquals(List.of("msiexec", "/i", "MED-V_1.0.65.msi", "VMSFOLDER=C:\\MED-V Images", "START_MEDV=0", "SERVER_PORT=443",
                "/quiet", "/log", "C:\\Logs\\medv install.log"), cmd.arguments());
    }

    @Test
    void embeddedQuotesAreDoubledAsMsiexecReadsThem() {
        assertEquals("\"a \"\"b\"\"\"", MsiCommand.quoteValue("a \"b\""));
        assertEquals("\"\"", MsiCommand.quoteValue(""));
    }

    @Test
    void unknownPropertiesAndBadValuesAreRejectedWithTheReason() {
        var ctx = TestContexts.folder(drive, false);
        var unknown = assertThrows(BadInputException.class, () -> build(ctx, props("VMSFOLDR", "C:\\x"), false, Optional.empty()));
        assertTrue(unknown.getMessage().contains("unknown property 'VMSFOLDR'") && unknown.getMessage().contains("--force"), unknown.getMessage());
        var flag = assertThrows(BadInputException.class, () -> build(ctx, props("START_MEDV", "yes"), false, Optional.empty()));
        assertTrue(flag.getMessage().contains("0 or 1"), flag.getMessage());
        var port = assertThrows(BadInputException.class, () -> build(ctx, props("SERVER_PORT", "70000"), false, Optional.empty()));
        assertTrue(port.getMessage().contains("1 to 65535"), port.getMessage());
        var path = assertThrows(BadInputException.class, () -> build(ctx, props("VMSFOLDER", "MED-V Images"), false, Optional.empty()));
        assertTrue(path.getMessage().contains("absolute Windows path"), path.getMessage());
        assertThrows(BadInputException.class, () -> new MsiVerb(ctx).build("setup.exe", Map.of(), false, null, false, Optional.empty()));
        assertTrue(ctx.outcome().steps().isEmpty());
    }

    @Test
    void forceLetsAnUndocumentedPropertyThroughWithAWarning() {
        var ctx = TestContexts.folder(drive, false);
        var cmd = build(ctx, props("REBOOT", "ReallySuppress"), true, Optional.empty());
        assertTrue(cmd.toString().contains("REBOOT=ReallySuppress"));
        assertTrue(ctx.outcome().warnings().get(0).contains("REBOOT"));
    }

    @Test
    void warnsWhenVmsfolderIsNotTheStoreThisRunPrepared() {
        var ctx = TestContexts.folder(drive, false);
        build(ctx, props("VMSFOLDER", "D:\\Images"), false, Optional.of("C:\\MED-V Images"));
        assertTrue(ctx.outcome().warnings().get(0).contains("not the store this run prepared"), ctx.outcome().warnings().toString());
        var matching = TestContexts.folder(drive, false);
        build(matching, props("VMSFOLDER", "c:\\med-v images\\"), false, Optional.of("C:\\MED-V Images"));
        assertEquals(List.of(), matching.outcome().warnings());
    }
}
