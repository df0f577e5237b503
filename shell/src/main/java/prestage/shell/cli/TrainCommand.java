package prestage.shell.cli;

import prestage.shell.run.GlobalOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine.Command;
import prestage.shell.console.PrestageConsole;

/**
 * Exercises the paths every start takes (a recipe, a verb, JSON, the console, push and verify) so the launcher can record
 * the loaded classes in a class-data-sharing archive. Not for users, hence hidden.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        Path work = Files.createTempDirectory("prestage-train");
        try {
            var quiet = new PrintWriter(new StringWriter());
            Path recipe = Files.writeString(work.resolve("train.groovy"), "def s = store 'C:\\\\'\nprintln msi('x.msi', VMSFOLDER: s.root)\n[1].each { it }\n");
            Path client = Files.createDirectories(work.resolve("client"));
            CommandTree.commandLine(quiet, quiet).execute("run", recipe.toString(), "--target", client.toString(), "--json");
            CommandTree.commandLine(quiet, quiet).execute("store", "C:\\", "--target", client.toString(), "--what-if");
            CommandTree.commandLine(quiet, quiet).execute("--help");
            Path image = Files.write(Files.createDirectories(work.resolve("src")).resolve("train.ckm"), new byte[4096]);
            Files.write(work.resolve("src").resolve("train.ckm.index"), new byte[16]);
            Path images = work.resolve("images");
            CommandTree.commandLine(quiet, quiet).execute("push", image.getParent().toString(), "--to", images.toString());
            CommandTree.commandLine(quiet, quiet).execute("push", image.getParent().toString(), "--to", images.toString(), "--json");
            CommandTree.commandLine(quiet, quiet).execute("verify", images.toString(), "--read-only");
            var in = new ByteArrayInputStream("help\ns = 1\nexit\n".getBytes(StandardCharsets.UTF_8));
            try (var terminal = new DumbTerminal("train", Terminal.TYPE_DUMB, in, new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
                new PrestageConsole(terminal, GlobalOptions.of(null, null, false), work.resolve("history"),
                        out -> CommandTree.forConsole(out, GlobalOptions.of(null, null, false))).run();
            }
            java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1]);
            return prestage.core.outcome.Outcome.EXIT_DONE;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
