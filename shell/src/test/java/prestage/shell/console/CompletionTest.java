package prestage.shell.console;

import prestage.shell.cli.CommandTree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.shell.run.GlobalOptions;

/** What the console offers at Tab, for each kind of argument, against a real client folder and .reg file. */
@DisabledOnOs(OS.WINDOWS)
class CompletionTest {
    @TempDir
    Path dir;
    private Path client;
    private DumbTerminal terminal;
    private LineReader reader;
    private final StatementParser parser = new StatementParser(CommandTree.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getSubcommands().keySet());
    private ConsoleClient consoleClient;
    private Supplier<Map<String, Object>> variables = Map::of;

    @BeforeEach
    void setUp() throws IOException {
        client = Files.createDirectories(dir.resolve("client"));
        Files.createDirectories(client.resolve("MED-V Images/PrestagedImages"));
        Files.createDirectories(client.resolve("MED-V Images/Public"));
        Files.writeString(client.resolve("MED-V Images/notes.txt"), "x");
        Path reg = dir.resolve("client.reg");
        Files.writeString(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kidaro]\r\n\"A\"=\"1\"\r\n\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kingston]\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft]\r\n");
        consoleClient = new ConsoleClient(GlobalOptions.of(client.toString(), reg.toString(), false));
        terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).build();
    }

    @AfterEach
    void tearDown() throws IOException {
        consoleClient.close();
        terminal.close();
    }

    /** The values offered at the end of {@code line}, filtered as JLine filters them (by what the word has so far). */
    private List<String> offered(String line) {
        var commands = CommandTree.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        var completer = new ConsoleCompleter(commands, consoleClient, () -> variables.get());
        var parsed = parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
        var out = new ArrayList<Candidate>();
        completer.complete(reader, parsed, out);
        String word = parsed.word().substring(0, parsed.wordCursor());
        return out.stream().map(Candidate::value).filter(v -> v.toLowerCase().startsWith(word.toLowerCase())).distinct().toList();
    }

    @Test
    void theFirstWordIsACommandNeverAHiddenOneOrAFile() throws IOException {
        // files that start like a command, where each file completer looks: the working folder (local paths) and
        // the client's root (client paths)
        Path local = Files.writeString(Path.of("").toAbsolutePath().resolve("st-file-not-offered"), "");
        Files.writeString(client.resolve("st-client-file-not-offered"), "");
        try {
            var first = offered("");
            assertTrue(first.containsAll(List.of("run", "store", "acl", "push", "verify", "registry", "msi", "status", "help", "exit")), first.toString());
            assertFalse(first.stream().anyMatch(w -> w.startsWith("__")), "hidden commands never: " + first);
            assertEquals(List.of("store", "status"), offered("st"));
        } finally {
            Files.delete(local);
        }
    }

    @Test
    void subcommandsAreNotMixedWithFileNames() {
        assertEquals(Set.of("show", "apply", "diff"), Set.copyOf(offered("acl ")));
        assertEquals(Set.of("get", "set", "delete", "export"), Set.copyOf(offered("registry ")));
    }

    @Test
    void optionValuesComeFromTheirDeclaration() {
        assertEquals(List.of("sddl", "icacls", "cacls", "json"), offered("acl show --format "));
        assertEquals(List.of("--format=json"), offered("acl show --format=js"));
        assertEquals(List.of("32", "64"), offered("registry get --view "));
        assertEquals(List.of("REG_SZ", "REG_EXPAND_SZ", "REG_DWORD", "REG_QWORD", "REG_MULTI_SZ", "REG_BINARY"),
                offered("registry set --type "));
        var options = offered("push --");
        assertTrue(options.containsAll(List.of("--to=", "--include=", "--jobs=", "--what-if", "--force")), options.toString());
    }

    @Test
    void aclArgumentsOfferTheProfiles() {
        assertEquals(List.of("medv"), offered("acl apply 'C:\\MED-V Images' "));
        assertEquals(List.of("medv"), offered("acl diff C:\\x m"));
    }

    @Test
    void windowsPathsAreCompletedAgainstTheClientsDrive() {
        assertEquals(List.of("C:\\MED-V Images\\"), offered("acl show C:\\M"));
        assertEquals(List.of("C:\\MED-V Images\\PrestagedImages\\", "C:\\MED-V Images\\Public\\"), offered("acl show 'C:\\MED-V Images\\P"));
        assertEquals(List.of("C:\\MED-V Images\\notes.txt"), offered("verify 'C:\\MED-V Images\\n"));
        assertEquals(List.of("C:\\MED-V Images\\PrestagedImages\\"), offered("push /tmp/images --to 'c:\\med-v images\\pr"),
                "names compare without case, as on Windows");
    }

    @Test
    void registryKeysAreCompletedAgainstTheClientsRegistry() {
        var roots = offered("registry get ");
        assertTrue(roots.containsAll(List.of("HKLM\\", "HKCU\\")), roots.toString());
        assertEquals(List.of("HKLM\\SOFTWARE\\Kidaro\\", "HKLM\\SOFTWARE\\Kingston\\"), offered("registry get HKLM\\SOFTWARE\\Ki"));
        assertEquals(List.of("HKLM\\SOFTWARE\\Microsoft\\"), offered("registry set HKLM\\SOFTWARE\\M"));
    }

    @Test
    void localPathsOnlyWhereALocalPathIsMeant() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.writeString(images.resolve("medv.ckm"), "x");
        var sources = offered("push " + images + "/me");
        assertTrue(sources.stream().anyMatch(s -> s.endsWith("medv.ckm")), "push SOURCE is a local file: " + sources);
        assertEquals(List.of(), offered("acl show " + images + "/me"), "acl's PATH is on the client, never a local file");
    }

    @Test
    void recipesByNameAndTheirDeclaredParameters() {
        var names = offered("run ");
        assertTrue(names.containsAll(List.of("medv-prestage", "repair", "reverify", "status-clients")), names.toString());
        assertFalse(names.contains("__train"));
        assertTrue(offered("show rev").contains("reverify"));
        assertEquals(List.of("source=", "root=", "package="), offered("run medv-prestage -p "));
        assertEquals(List.of("clients=", "root="), offered("run reverify --target /x -p "));
    }

    @Test
    void groovyVariablesAndTheirProperties() {
        var out = new StringWriter();
        try (var g = new GroovyStatements(GlobalOptions.of(client.toString(), null, false), new PrintWriter(out))) {
            assertEquals(0, g.evaluate("s = store 'C:\\\\'"), out.toString());
            variables = g::variables;
            assertEquals(List.of("s.prestaged"), offered("s.pre"));
            assertTrue(offered("println(s.").contains("println(s.root"), offered("println(s.").toString());
            assertTrue(offered("").contains("s"), "variables at the start of a line");
            assertTrue(offered("x = st").containsAll(List.of("store", "status")), "the verbs inside a statement");
        }
    }
}
