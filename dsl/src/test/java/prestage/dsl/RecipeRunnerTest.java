package prestage.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import prestage.core.BadInputException;

class RecipeRunnerTest extends RecipeFixture {
    @Test
    void msiIsToldTheStoreThisRecipePreparedButNotAnotherClientsOrAnEarlierRunsOne() throws IOException {
        run("first.groovy", "msi 'before.msi'\n"
                + "def s = store 'C:\\\\'\n"
                + "msi 'after.msi'\n"
                + "client('/mnt/c') { msi 'other.msi'; store 'D:\\\\'; msi 'other-store.msi' }\n"
                + "msi 'back.msi'\n", Map.of());
        run("second.groovy", "msi 'next-run.msi'\n", Map.of());
        var prepared = verbs.msiRequests.stream().map(r -> r.packagePath() + "=" + r.preparedStore().orElse("-")).toList();
        assertEquals(List.of("before.msi=-", "after.msi=C:\\MED-V Images", "other.msi=-", "other-store.msi=D:\\MED-V Images",
                "back.msi=C:\\MED-V Images", "next-run.msi=-"), prepared);
    }

    @Test
    void theShippedMedvRecipeFollowsTheDocumentedSteps() throws IOException {
        String text = Files.readString(Path.of("../scripts/medv-prestage.groovy"));
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.writeString(images.resolve("Win7.ckm"), "image");
        run("medv-prestage.groovy", text, Map.of("source", images.toString()));
        assertEquals(List.of(
                "[default] store C:\\",
                "[default] acl C:\\MED-V Images D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA) protect=true",
                "[default] acl C:\\MED-V Images\\PrestagedImages D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA) protect=true",
                "[default] push [" + dir.resolve("images") + "] -> C:\\MED-V Images\\PrestagedImages include=[] jobs=0 force=false",
                "[default] verify C:\\MED-V Images\\PrestagedImages readOnly=true",
                "[default] registrySet HKLM\\SOFTWARE\\Kidaro PrestagedImagesPath=C:\\MED-V Images\\PrestagedImages type=REG_SZ view=32",
                "[default] msi MED-V_1.0.65.msi {VMSFOLDER=C:\\MED-V Images, START_MEDV=0} quiet=true log=null force=false"),
                verbs.calls);
        assertTrue(printed.toString().contains("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\" START_MEDV=0 /quiet"), printed.toString());
    }

    @Test
    void namedArgumentsListsAndOtherClientsReachTheVerbs() throws IOException {
        for (String d : List.of("a", "b")) Files.writeString(Files.createDirectories(dir.resolve(d)).resolve(d + ".vhd"), d);
        run("r.groovy", """
                client('/mnt/c', registry: '/tmp/SOFTWARE') {
                    push from: ['A', 'B'], to: 'C:\\\\x', include: '*.vhd', jobs: 3, force: true
                    registry.set 'HKLM\\\\SOFTWARE\\\\X', 'Paths', ['a', 'b'], type: 'REG_MULTI_SZ', view: 64
                }
                acl.diff 'C:\\\\x', 'medv'
                """.replace("'A'", "'" + dir.resolve("a") + "'").replace("'B'", "'" + dir.resolve("b") + "'"), Map.of());
        assertEquals(List.of(
                "[default] onTarget /mnt/c /tmp/SOFTWARE",
                "[/mnt/c] push [" + dir.resolve("a") + ", " + dir.resolve("b") + "] -> C:\\x include=[*.vhd] jobs=3 force=true",
                "[/mnt/c] registrySet HKLM\\SOFTWARE\\X Paths=a|b type=REG_MULTI_SZ view=64",
                "[default] aclDiff C:\\x medv"), verbs.calls);
    }

    @Test
    void msiRunTrueAsksTheVerbsToRunTheCommandOnTheClient() throws IOException {
        run("install.groovy", "msi 'MED-V_1.0.65.msi', START_MEDV: 0, quiet: true, run: true\n", Map.of());
        assertEquals(List.of("[default] msi MED-V_1.0.65.msi {START_MEDV=0} quiet=true log=null force=false run"), verbs.calls);
    }

    @Test
    void aMissingParameterNamesTheLineAndTheFix() {
        var e = assertThrows(RecipeException.class, () -> run("needs.groovy", "println 'start'\ndef s = params.source\n", Map.of()));
        assertEquals("(needs.groovy, line 2) parameter 'source' is required: give -p source=VALUE", e.getMessage());
        assertTrue(e.badInput());
        assertTrue(verbs.calls.isEmpty());
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLineBeforeAnythingRuns() {
        var e = assertThrows(RecipeException.class, () -> run("broken.groovy", "store 'C:\\\\'\nacl 'x', 'y', protect: \n}\n", Map.of()));
        assertTrue(e.getMessage().startsWith("(broken.groovy, line 2) Unexpected input"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(verbs.calls.isEmpty());
    }

    @Test
    void anUnknownVerbOrOptionIsReportedWhereItIsUsed() {
        var verb = assertThrows(RecipeException.class, () -> run("typo.groovy", "store 'C:\\\\'\n\npussh from: 'a', to: 'b'\n", Map.of()));
        assertEquals("(typo.groovy, line 3) no verb or method 'pussh' taking these arguments", verb.getMessage());
        var option = assertThrows(RecipeException.class, () -> run("opt.groovy", "acl 'C:\\\\x', 'medv', protected: true\n", Map.of()));
        assertTrue(option.getMessage().startsWith("(opt.groovy, line 1) acl: unknown option 'protected'"), option.getMessage());
    }

    @Test
    void paramsAreReadOnlyAndHaveDefaults() throws IOException {
        Object result = run("p.groovy", "params.get('jobs', 2) + ':' + params.has('x') + ':' + params.x", Map.of("x", "1"));
        assertEquals("2:true:1", result);
        assertThrows(RecipeException.class, () -> run("w.groovy", "params.x = 3", Map.of()));
    }

    @Test
    void anUnchangedRecipeIsLoadedFromTheCacheNotCompiledAgain() throws IOException {
        var compiler = new RecipeCompiler(dir.resolve("cache"));
        var first = compiler.compile("c.groovy", "store 'C:\\\\'\n[1, 2].each { println it }\n");
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertEquals(1, entries.count());
        }
        var again = new RecipeCompiler(dir.resolve("cache")).compile("c.groovy", "store 'C:\\\\'\n[1, 2].each { println it }\n");
        assertNotSame(first, again); // a new loader each time, from the cached bytes
        assertEquals(first.getName(), again.getName());
        var changed = compiler.compile("c.groovy", "store 'D:\\\\'\n");
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertEquals(2, entries.count());
        }
        assertSame(changed.getSuperclass(), PrestageScript.class);
    }

    @Test
    void aDamagedCacheEntryIsCompiledAgain() throws IOException {
        var compiler = new RecipeCompiler(dir.resolve("cache"));
        compiler.compile("d.groovy", "1 + 1");
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) Files.write(f, new byte[]{1, 2, 3});
        }
        var type = compiler.compile("d.groovy", "1 + 1");
        assertTrue(PrestageScript.class.isAssignableFrom(type));
    }

    @Test
    void aMissingRecipeFileIsBadInput() {
        var e = assertThrows(BadInputException.class,
                () -> new RecipeRunner(new RecipeCompiler(null)).run(dir.resolve("none.groovy"), verbs, Map.of(), new PrintWriter(printed), false));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
