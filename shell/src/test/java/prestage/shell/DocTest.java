package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.Smbd;

/**
 * What the README and docs/ show as runnable still runs, and what they link to is there. A block runs when the line
 * before its fence is {@code <!-- doc-test: NAME -->}: it is run by bash with {@code -euo pipefail} in an empty
 * folder, with {@code prestage} on PATH as a program (this build), so any command in it that fails fails the test.
 */
@DisabledOnOs(OS.WINDOWS)
class DocTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RUNNABLE = Pattern.compile("<!-- doc-test: ([\\w-]+) -->\\n```sh\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern CITED = Pattern.compile("docs/[\\w-]+\\.md");

    @TempDir
    Path dir;

    private static List<Path> documents() throws IOException {
        var docs = new ArrayList<Path>();
        docs.add(REPO.resolve("README.md"));
        try (Stream<Path> s = Files.list(REPO.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void theReadmeStaysShortAndHasContents() throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve("README.md"));
        assertTrue(lines.size() < 200, "README.md has " + lines.size() + " lines; move reference text into docs/");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("**Contents:**")), "README.md has a contents line");
        assertTrue(lines.stream().anyMatch(l -> l.contains("./prestage run scripts/demo.groovy")), "the demo command");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("./run-tests")), "the test command");
    }

    @Test
    void everyRunnableBlockRuns() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path prestage = bin.resolve("prestage");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(prestage, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + classPath + "' prestage.shell.Main \"$@\"\n");
        Files.setPosixFilePermissions(prestage, PosixFilePermissions.fromString("rwxr-xr-x"));
        int ran = 0;
        for (Path doc : documents()) {
            Matcher m = RUNNABLE.matcher(Files.readString(doc));
            while (m.find()) {
                Path work = Files.createDirectories(dir.resolve("run-" + m.group(1)));
                var r = Smbd.exec(List.of("env", "PATH=" + bin + ":" + System.getenv("PATH"), "NO_COLOR=1", "HOME=" + work,
                        "XDG_STATE_HOME=" + work.resolve("state"), "bash", "-euo", "pipefail", "-c", "cd '" + work + "'\n" + m.group(2)), null);
                assertEquals(0, r.exitCode(), REPO.relativize(doc) + ", block " + m.group(1) + ":\n" + r.stdout() + r.stderr());
                ran++;
            }
        }
        assertTrue(ran >= 1, "the README's tour is marked runnable");
    }

    @Test
    void everyLinkAndEveryDocTheCodeCitesIsThere() throws IOException {
        var missing = new ArrayList<String>();
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) continue;
                if (!Files.exists(doc.getParent().resolve(target))) missing.add(REPO.relativize(doc) + " -> " + target);
            }
        }
        try (Stream<Path> files = Files.walk(REPO)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")).toList()) {
                Matcher m = CITED.matcher(Files.readString(f));
                while (m.find()) {
                    if (!Files.exists(REPO.resolve(m.group()))) missing.add(REPO.relativize(f) + " cites " + m.group());
                }
            }
        }
        assertFalse(missing.stream().findAny().isPresent(), "missing: " + missing);
    }
}
