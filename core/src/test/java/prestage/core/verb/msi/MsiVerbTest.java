package prestage.core.verb.msi;

import prestage.core.msi.MsiCommand;

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
import prestage.core.verb.Context;
import prestage.core.TestContexts;

class MsiVerbTest {
    @TempDir
    Path drive;

    private MsiCommand build(Context ctx, Map<String, String> props, boolean force, Optional<String> store) {
        return new MsiVerb(ctx).build(new MsiRequest("MED-V_1.0.65.msi", props, true, "C:\\Logs\\medv install.log", force, false, store));
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
        assertThrows(BadInputException.class, () -> new MsiVerb(ctx).build(new MsiRequest("setup.exe", Map.of(), false, null, false, false, Optional.empty())));
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
        assertEquals(1, matching.outcome().warnings().size(), matching.outcome().warnings().toString());
        assertTrue(matching.outcome().warnings().get(0).contains("trailing backslash is dropped"), matching.outcome().warnings().toString());
    }

    @Test
    void aPercentSignIsRefusedBecauseCmdWouldExpandIt() {
        var ctx = TestContexts.folder(drive, false);
        for (var p : List.of(props("VMSFOLDER", "%SystemDrive%\\MED-V Images"), props("SERVER_ADDRESS", "a%b"))) {
            var e = assertThrows(BadInputException.class, () -> build(ctx, p, true, Optional.empty()));
            assertTrue(e.getMessage().contains("cmd would expand %...%"), e.getMessage());
        }
        var forced = assertThrows(BadInputException.class, () -> build(ctx, props("REBOOT", "%x%"), true, Optional.empty()));
        assertTrue(forced.getMessage().startsWith("msi: REBOOT=%x% contains '%'"), forced.getMessage());
        var pkg = assertThrows(BadInputException.class, () -> new MsiVerb(ctx).build(new MsiRequest("%TEMP%\\MED-V.msi", Map.of(), false, null, false, false, Optional.empty())));
        assertTrue(pkg.getMessage().contains("contains '%'"), pkg.getMessage());
        var log = assertThrows(BadInputException.class, () -> new MsiVerb(ctx).build(new MsiRequest("MED-V.msi", Map.of(), false, "%TEMP%\\x.log", false, false, Optional.empty())));
        assertTrue(log.getMessage().contains("--log"), log.getMessage());
        var lineBreak = assertThrows(BadInputException.class, () -> build(ctx, props("VMSFOLDER", "C:\\a\r\nb"), false, Optional.empty()));
        assertTrue(lineBreak.getMessage().contains("U+000D"), lineBreak.getMessage());
        assertTrue(ctx.outcome().steps().isEmpty());
    }

    @Test
    void aTrailingBackslashBeforeTheClosingQuoteIsDroppedFromAPathAndRefusedElsewhere() {
        var ctx = TestContexts.folder(drive, false);
        var cmd = build(ctx, props("VMSFOLDER", "C:\\MED-V Images\\\\"), false, Optional.empty());
        assertTrue(cmd.toString().contains(" VMSFOLDER=\"C:\\MED-V Images\" "), cmd.toString());
        assertEquals("C:\\MED-V Images", cmd.properties().get("VMSFOLDER"));
        // no quotes needed, nothing to drop: the drive root keeps its backslash
        assertEquals("C:\\", build(ctx, props("VMSFOLDER", "C:\\"), false, Optional.empty()).properties().get("VMSFOLDER"));
        var forced = assertThrows(BadInputException.class, () -> build(ctx, props("MY_DIR", "C:\\a b\\"), true, Optional.empty()));
        assertTrue(forced.getMessage().contains("drop the trailing backslash"), forced.getMessage());
    }

    @Test
    void aPropertyGivenTwiceIsRefused() {
        var ctx = TestContexts.folder(drive, false);
        var e = assertThrows(BadInputException.class, () -> build(ctx, props("VMSFOLDER", "C:\\A", "vmsfolder", "C:\\B"), false, Optional.empty()));
        assertEquals("msi: VMSFOLDER is given twice (VMSFOLDER=C:\\A and vmsfolder=C:\\B); give it once", e.getMessage());
        var forced = assertThrows(BadInputException.class, () -> build(ctx, props("REBOOT", "a", "Reboot", "b"), true, Optional.empty()));
        assertTrue(forced.getMessage().contains("given twice"), forced.getMessage());
    }

    @Test
    void cmdMetacharactersAreQuoted() {
        assertEquals("\"C:\\A&B\"", MsiCommand.quoteValue("C:\\A&B"));
        assertEquals("\"a^b\"", MsiCommand.quoteValue("a^b"));
        assertEquals("C:\\AB", MsiCommand.quoteValue("C:\\AB"));
    }
}
