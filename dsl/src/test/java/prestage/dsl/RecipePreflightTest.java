package prestage.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 9, recipes: what a recipe gets wrong is found before its first step, with the file and line. */
class RecipePreflightTest extends RecipeFixture {
    private RecipeException refused(String name, String text, Map<String, String> params) {
        var e = assertThrows(RecipeException.class, () -> run(name, text, params));
        assertTrue(e.badInput(), e.getMessage());
        assertEquals(List.of(), verbs.calls, "a step ran before the problem was found: " + e.getMessage());
        assertEquals("", printed.toString(), "the recipe's own code ran before the problem was found");
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void everyFormOfReadingAParameterIsRequiredBeforeTheFirstStep() {
        String steps = "println 'start'\nstore 'C:\\\\'\n";
        assertEquals("(p.groovy, line 3) parameter 'source' is required: give -p source=VALUE",
                refused("p.groovy", steps + "push from: params.source, to: 'C:\\\\x'\n", Map.of()).getMessage());
        assertEquals("(q.groovy, line 4) parameter 'dir' is required: give -p dir=VALUE",
                refused("q.groovy", steps + "\ndef d = params['dir']\n", Map.of()).getMessage());
        assertEquals("(r.groovy, line 3) parameter 'pkg' is required: give -p pkg=VALUE",
                refused("r.groovy", steps + "msi params.get('pkg')\n", Map.of()).getMessage());
        assertEquals("(m.groovy, line 4) parameter 'x' is required: give -p x=VALUE",
                refused("m.groovy", steps + "def f() {\n  params.x\n}\n", Map.of()).getMessage());
    }

    @Test
    void aDefaultOrATestForPresenceMakesAParameterOptional() throws IOException {
        Object result = run("o.groovy", "def a = params.get('a', 'A')\ndef b = params.has('b') ? params.b : 'B'\na + b\n", Map.of());
        assertEquals("AB", result);
        assertEquals("AY", run("o2.groovy", "def a = params.get('a', 'A')\ndef b = params.has('b') ? params.b : 'B'\na + b\n", Map.of("b", "Y")));
    }

    @Test
    void anAclThatCannotParseStopsTheRecipeBeforeItsFirstStep() {
        var e = refused("acl.groovy", "def s = store 'C:\\\\'\nacl s.root, medv.acl, protect: true\nacl s.prestaged, 'D:PAI(A;OICI;FA;;;XX)'\n", Map.of());
        assertTrue(e.getMessage().startsWith("(acl.groovy, line 3) "), e.getMessage());
        assertTrue(e.getMessage().contains("XX"), e.getMessage());
    }

    @Test
    void anAclGivenAsAParameterIsCheckedWithItsValue() {
        var e = refused("pacl.groovy", "def s = store 'C:\\\\'\ndef wanted = params.acl\nacl s.root, wanted\n", Map.of("acl", "*S-1-5-18:(OI)(CI)Q"));
        assertTrue(e.getMessage().startsWith("(pacl.groovy, line 3) "), e.getMessage());
    }

    @Test
    void registryTypesAndValuesAreCheckedBeforeTheFirstStep() {
        refusedStarting("t.groovy", "store 'C:\\\\'\nregistry.set 'HKLM\\\\SOFTWARE\\\\X', 'n', '1', type: 'REG_DWROD'\n",
                "(t.groovy, line 2) unknown value type 'REG_DWROD'");
        refusedStarting("v.groovy", "store 'C:\\\\'\nregistry.set 'HKLM\\\\SOFTWARE\\\\X', 'n', params.get('n', '12x'), type: 'REG_DWORD'\n",
                "(v.groovy, line 2) REG_DWORD value '12x' is not a number");
        refusedStarting("w.groovy", "store 'C:\\\\'\nregistry.set medv.registryKey, medv.registryValue, 'x', view: 16\n",
                "(w.groovy, line 2) registry.set: view: takes 32 or 64");
    }

    /** The recipe {@code text} is refused before its first step, with a message that starts with {@code start}. */
    private void refusedStarting(String name, String text, String start) {
        var e = refused(name, text, Map.of());
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void msiPropertiesAreKnownAndTheirValuesValidBeforeTheFirstStep() {
        var unknown = refused("u.groovy", "def s = store 'C:\\\\'\nmsi 'MED-V.msi', VMSFOLDER: s.root, START_MEDVX: 0\n", Map.of());
        assertTrue(unknown.getMessage().startsWith("(u.groovy, line 2) msi: unknown property 'START_MEDVX'"), unknown.getMessage());
        var value = refused("f.groovy", "store 'C:\\\\'\nmsi 'MED-V.msi', START_MEDV: params.start\n", Map.of("start", "yes"));
        assertTrue(value.getMessage().startsWith("(f.groovy, line 2) msi: START_MEDV=yes is not valid"), value.getMessage());
    }

    @Test
    void pushSourcesMustExistAndHoldNamesTheClientAccepts() throws IOException {
        var missing = refused("m.groovy", "def s = store 'C:\\\\'\npush from: params.source, to: s.prestaged\n", Map.of("source", dir.resolve("none").toString()));
        assertTrue(missing.getMessage().startsWith("(m.groovy, line 2) push: source '"), missing.getMessage());
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.writeString(images.resolve("Win 7.ckm"), "x");
        var badName = refused("n.groovy", "def s = store 'C:\\\\'\npush from: '" + images + "', to: s.prestaged\n", Map.of());
        assertTrue(badName.getMessage().startsWith("(n.groovy, line 2) push: ") && badName.getMessage().contains("it contains a space"), badName.getMessage());
    }

    @Test
    void anUnknownOptionIsFoundBeforeTheFirstStep() {
        var e = refused("o.groovy", "store 'C:\\\\'\nverify 'C:\\\\x', readonly: true\n", Map.of());
        assertTrue(e.getMessage().startsWith("(o.groovy, line 2) verify: unknown option 'readonly'; it takes readOnly:"), e.getMessage());
    }

    @Test
    void valuesOnlyKnownAtRunTimeAreLeftToTheVerb() throws IOException {
        // the ACL comes from the client, so only the verb can judge it: the recipe starts
        run("late.groovy", "def s = store 'C:\\\\'\nacl s.root, acl.show(s.root)\n", Map.of());
        assertEquals(3, verbs.calls.size(), verbs.calls.toString());
    }

    @Test
    void aRecipeSavedByNotepadRuns() throws IOException {
        Path recipe = dir.resolve("notepad.groovy");
        byte[] body = "// saved by Notepad\r\ndef s = store 'C:\\\\'\r\nprintln \"\"\"a\r\nb\"\"\"\r\nparams.x\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(recipe, bytes);
        var e = assertThrows(RecipeException.class, () -> runFile(recipe, Map.of()));
        assertEquals("(notepad.groovy, line 5) parameter 'x' is required: give -p x=VALUE", e.getMessage());
        runFile(recipe, Map.of("x", "1"));
        assertEquals(List.of("[default] store C:\\"), verbs.calls);
        assertEquals("a\nb\n", printed.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void invisibleCharactersAreShownByTheirCodePoint() {
        var e = refused("bom.groovy", "store 'C:\\\\'\n\uFEFFverify 'C:\\\\x'\n", Map.of());
        assertTrue(e.getMessage().startsWith("(bom.groovy, line 2)") && e.getMessage().contains("U+FEFF") && !e.getMessage().contains("\uFEFF"),
                e.getMessage());
        var name = refused("zw.groovy", "def s = store 'C:\\\\'\npush from: params['source\u200B'], to: s.prestaged\n", Map.of("source", "/x"));
        assertEquals("(zw.groovy, line 2) parameter 'sourceU+200B' is required: give -p sourceU+200B=VALUE", name.getMessage());
    }

    @Test
    void grapeIsRefusedAtCompileTime() {
        for (String text : List.of(
                "@Grab('org.apache.commons:commons-lang3:3.12.0')\nimport org.apache.commons.lang3.StringUtils\nstore 'C:\\\\'\n",
                "store 'C:\\\\'\n@Grab(group='x', module='y', version='1')\ndef x = 1\n",
                "store 'C:\\\\'\ngroovy.grape.Grape.grab(group: 'x', module: 'y', version: '1')\n")) {
            var e = refused("grab.groovy", text, Map.of());
            assertTrue(e.getMessage().matches("\\(grab\\.groovy, line [12]\\) recipes cannot download code: .*"), e.getMessage());
        }
    }

    @Test
    void exitCallsAreRefusedAtCompileTime() {
        for (String call : List.of("System.exit(3)", "Runtime.getRuntime().halt(3)", "Runtime.runtime.exit(0)", "def f = System.&exit")) {
            var e = refused("exit.groovy", "store 'C:\\\\'\nif (params.has('x')) {\n  " + call + "\n}\n", Map.of());
            assertTrue(e.getMessage().startsWith("(exit.groovy, line 3) ") && e.getMessage().contains("would end prestage before it reports"), e.getMessage());
        }
    }

    @Test
    void exitCallsTheCompilerCannotSeeFailWhenReached() {
        for (String call : List.of("def r = Runtime.runtime\nr.halt(0)", "System.\"${'ex' + 'it'}\"(0)")) {
            var e = assertThrows(RecipeException.class, () -> run("late.groovy", "store 'C:\\\\'\n" + call + "\n", Map.of()));
            assertTrue(e.getMessage().contains("would end prestage before it reports"), e.getMessage());
            assertTrue(e.getMessage().startsWith("(late.groovy, line " + (call.contains("\n") ? 3 : 2) + ")"), e.getMessage());
        }
    }

    @Test
    void declaredParametersGiveDefaultsAndAreRequiredOtherwise() throws IOException {
        String text = """
                description 'Copies images'
                param 'source', 'the folder with the images'
                param 'root', 'the client drive', default: 'C:\\\\'
                param 'note', 'free text', required: false
                store params.root
                "${params.source}|${params.note}"
                """;
        var e = refused("d.groovy", text, Map.of());
        assertEquals("(d.groovy, line 2) parameter 'source' is required: give -p source=VALUE", e.getMessage());
        var typo = refused("d.groovy", text, Map.of("source", "/x", "rot", "D:\\"));
        assertTrue(typo.getMessage().startsWith("(d.groovy) takes no parameter 'rot'; its parameters are source, root, note"), typo.getMessage());
        assertEquals("/x|null", run("d.groovy", text, Map.of("source", "/x")).toString());
        assertEquals(List.of("[default] store C:\\"), verbs.calls);
    }

    @Test
    void declarationsAreLiteralAndAtTheTop() {
        refusedStarting("c.groovy", "param 'x', 'y', default: new Date().toString()\n", "(c.groovy, line 1) param 'x': default: takes a literal value");
        refusedStarting("n.groovy", "client('/x') {\n  param 'x', 'y'\n}\n", "(n.groovy, line 2) param declarations go at the top");
    }

    @Test
    void includedRecipesShareMethodsAndTheirErrorsNameTheirOwnFile() throws IOException {
        Files.writeString(dir.resolve("common.groovy"), """
                // shared helpers
                def storeOf(String root) {
                    store root
                }
                """);
        Files.writeString(dir.resolve("broken.groovy"), """
                // a typo in a shared recipe

                def broken() {
                    acl 'C:\\\\x', params.get('acl', 'medv'), protected: params.get('p', 'x')
                }
                """);
        Object s = run("main.groovy", "include 'common.groovy'\nstoreOf('C:\\\\')\n", Map.of());
        assertEquals(List.of("[default] store C:\\"), verbs.calls);
        verbs.calls.clear();
        var e = refused("bad.groovy", "include 'common.groovy'\nstoreOf('C:\\\\')\ninclude 'broken.groovy'\nbroken()\n", Map.of());
        assertEquals("(broken.groovy, line 4) acl: unknown option 'protected'; it takes protect:, force:", e.getMessage());
    }

    @Test
    void anIncludedRecipesParametersAndRunTimeErrorsAreReportedInIt() throws IOException {
        Files.writeString(dir.resolve("needs.groovy"), "def where() {\n  params.where\n}\ndef fail() {\n  throw new IllegalArgumentException('no good')\n}\n");
        var e = refused("main.groovy", "store 'C:\\\\'\ninclude 'needs.groovy'\n", Map.of());
        assertEquals("(needs.groovy, line 2) parameter 'where' is required: give -p where=VALUE", e.getMessage());
        var late = assertThrows(RecipeException.class, () -> run("late.groovy", "include 'needs.groovy'\nstore where()\nfail()\n", Map.of("where", "C:\\")));
        assertEquals("(needs.groovy, line 5) no good", late.getMessage());
        assertEquals(List.of("[default] store C:\\"), verbs.calls);
    }

    @Test
    void anIncludeCycleOrAMissingIncludeIsBadInput() throws IOException {
        Files.writeString(dir.resolve("a.groovy"), "include 'b.groovy'\n");
        Files.writeString(dir.resolve("b.groovy"), "\ninclude 'a.groovy'\n");
        var cycle = assertThrows(RecipeException.class, () -> runFile(dir.resolve("a.groovy"), Map.of()));
        assertTrue(cycle.getMessage().startsWith("(b.groovy, line 2) include 'a.groovy' would include a.groovy again"), cycle.getMessage());
        var missing = refused("m.groovy", "store 'C:\\\\'\ninclude 'nowhere.groovy'\n", Map.of());
        assertTrue(missing.getMessage().startsWith("(m.groovy, line 2) include 'nowhere.groovy': no such recipe"), missing.getMessage());
    }

    @Test
    void anIncludeIsFoundOnTheSearchPath() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("helpers.groovy"), "def hello() { 'hello' }\n");
        Path recipe = Files.createDirectories(dir.resolve("recipes")).resolve("r.groovy");
        Files.writeString(recipe, "include 'helpers.groovy'\nhello()\n");
        var runner = new RecipeRunner(new RecipeCompiler(null), new RecipeSearchPath(List.of(shared)));
        assertEquals("hello", runner.run(recipe, verbs, Map.of(), new PrintWriter(printed), false));
    }

    @Test
    void factsSurviveTheCompileCache() {
        String text = "description 'cached'\nparam 'a', 'b', default: 'c'\nacl 'C:\\\\x', 'medv'\n";
        var first = new RecipeCompiler(dir.resolve("cache")).compileRecipe("c.groovy", text);
        var again = new RecipeCompiler(dir.resolve("cache")).compileRecipe("c.groovy", text);
        assertEquals(first.facts(), again.facts());
        assertEquals("cached", again.facts().description());
    }

    /** Issue 24: core names options neutrally; in a recipe they read as the named arguments a recipe writer types. */
    @Test
    void aRefusalNamesTheRecipesNamedArgumentNotTheCommandLineFlag() throws IOException {
        var msi = refused("m.groovy", "store 'C:\\\\'\nmsi 'MED-V.msi', START_MEDVX: 0\n", Map.of());
        assertTrue(msi.getMessage().endsWith("(add force: true to pass it anyway)"), msi.getMessage());
        var jobs = refused("j.groovy", "store 'C:\\\\'\npush from: 'C:\\\\i', to: 'C:\\\\x', jobs: 'two'\n", Map.of());
        assertEquals("(j.groovy, line 2) push: jobs: takes a whole number, not 'two'", jobs.getMessage());
        var include = refused("i.groovy", "push from: '" + dir + "', to: 'C:\\\\x', include: 'a/*.vhd'\n", Map.of());
        assertTrue(include.getMessage().startsWith("(i.groovy, line 1) include: 'a/*.vhd': give a file name pattern"), include.getMessage());
        // a destination computed at run time: refused by the request itself, worded for the recipe
        var to = assertThrows(RecipeException.class, () -> run("t.groovy", "def d = null\nd = ''\npush from: 'C:\\\\i', to: d\n", Map.of()));
        assertEquals("(t.groovy, line 3) push: no destination; give to: DIR, the store folder (e.g. C:\\MED-V Images\\PrestagedImages)",
                to.getMessage());
    }

    /** Issue 24: acl's force: is one line in Grammar; the preflight, the script and the request all take it from there. */
    @Test
    void aclTakesForceAsTheCommandLineDoes() throws IOException {
        run("f.groovy", "acl 'C:\\\\x', 'D:', force: true\nacl.apply 'C:\\\\y', 'D:', protect: false\n", Map.of());
        assertEquals(List.of("[default] acl C:\\x D: protect=null force", "[default] acl C:\\y D: protect=false"), verbs.calls);
        verbs.calls.clear();
        var bad = refused("g.groovy", "acl 'C:\\\\x', 'D:', force: 'yes'\n", Map.of());
        assertEquals("(g.groovy, line 1) acl: force: takes true or false, not 'yes'", bad.getMessage());
    }
}
