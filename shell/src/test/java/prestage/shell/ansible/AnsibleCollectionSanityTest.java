package prestage.shell.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.Smbd;

/**
 * Ansible's own tools judge the collection: ansible-doc renders and lists the module, and ansible-test sanity passes
 * the tests that run offline with Debian's packages (all but pylint, which only pip can install in the version
 * ansible-test pins; see the collection's README).
 */
@EnabledOnOs(OS.LINUX)
class AnsibleCollectionSanityTest {
    private static final Pattern NO_PIP = Pattern.compile("^FATAL: Python \\S+ at \"(.+)/bin/python\" does not have pip available", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void ansibleDocRendersTheModuleAndListsIt() throws IOException {
        Smbd.requireToolFor("ansible-doc", "ansible-core (apt-get install ansible-core)");
        Path collections = Collection.SOURCE.getParent().getParent().getParent();
        String doc = Smbd.run(List.of("env", "HOME=" + dir, "ANSIBLE_COLLECTIONS_PATH=" + collections, "ansible-doc", Collection.MODULE), null);
        assertTrue(doc.contains("= target"), "target is required:\n" + doc);
        assertTrue(doc.contains("choices: [kerberos, ntlm, auto]"), doc);
        assertTrue(doc.contains("EXAMPLES:") && doc.contains("RETURN VALUES:"), doc);
        String list = Smbd.run(List.of("env", "HOME=" + dir, "ANSIBLE_COLLECTIONS_PATH=" + collections, "ansible-doc", "-l", "prestage.medv"), null);
        assertTrue(list.matches("(?s)prestage\\.medv\\.prestage\\s+Prestage one client with a prestage recipe.*"), list);
    }

    @Test
    void ansibleTestSanityPassesOfflineAndValidateModulesCatchesAPasswordWithoutNoLog() throws IOException {
        Smbd.requireToolFor("ansible-test", "ansible-core (apt-get install ansible-core)");
        Path collection = copy(Collection.SOURCE, dir.resolve("ok"));
        String out = sanity(collection, "--skip-test", "pylint");
        for (String test : List.of("ansible-doc", "compile", "import", "validate-modules", "yamllint", "pep8", "runtime-metadata", "shebang")) {
            assertTrue(out.contains("Running sanity test \"" + test + "\""), test + " did not run:\n" + out);
        }
        assertFalse(out.contains("ERROR:"), out);

        // the judge can fail: the same module with the password's no_log taken away
        Path broken = copy(Collection.SOURCE, dir.resolve("broken"));
        Path module = broken.resolve("plugins/modules/prestage.py");
        String source = Files.readString(module);
        assertTrue(source.contains("password=dict(type='str', no_log=True)"), "the module declares its password no_log");
        Files.writeString(module, source.replace("password=dict(type='str', no_log=True)", "password=dict(type='str')"));
        String failed = sanityExpectingFailure(broken, "--test", "validate-modules");
        assertTrue(failed.contains("no-log-needed"), failed);
    }

    /** {@code source} copied to {@code root/ansible_collections/prestage/medv}, the layout ansible-test needs, outside the repository (it writes tests/output). */
    private static Path copy(Path source, Path root) throws IOException {
        Path to = root.resolve("ansible_collections/prestage/medv");
        Files.createDirectories(to.getParent());
        Smbd.run(List.of("cp", "-r", source.toString(), to.toString()), null);
        return to;
    }

    private String sanity(Path collection, String... args) throws IOException {
        Smbd.Result r = runSanity(collection, args);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return r.stdout() + r.stderr();
    }

    private String sanityExpectingFailure(Path collection, String... args) throws IOException {
        Smbd.Result r = runSanity(collection, args);
        assertTrue(r.exitCode() != 0, "ansible-test passed:\n" + r.stdout() + r.stderr());
        return r.stdout() + r.stderr();
    }

    /**
     * ansible-test sanity with Debian's python3. ansible-test makes a virtual environment per test and installs its
     * requirements with pip from PyPI, which is not reachable here: where it stops for want of pip, the environment is
     * made again with Debian's Python and its system packages (python3-voluptuous, python3-pycodestyle, yamllint),
     * marked as ready the way ansible-test marks its own, and the run repeated.
     */
    private Smbd.Result runSanity(Path collection, String... args) throws IOException {
        String python = Smbd.run(List.of("/usr/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"), null).strip();
        // in the collection's folder, with a HOME of the test's own (ansible-test keeps its environments there) and
        // Debian's interpreters first on the PATH
        var cmd = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && h=\"$1\" && shift && exec env HOME=\"$h\" PATH=/usr/bin:/bin:/usr/sbin:/sbin \"$@\"",
                collection.toString(), dir.resolve("home").toString(), "ansible-test", "sanity", "--color", "no", "--python", python));
        cmd.addAll(List.of(args));
        for (int attempt = 0; ; attempt++) {
            Smbd.Result r = Smbd.exec(cmd, null);
            Matcher m = NO_PIP.matcher(r.stdout() + r.stderr());
            if (!m.find() || attempt > 20) return r;
            Path venv = Path.of(m.group(1));
            Smbd.run(List.of("rm", "-rf", venv.toString()), null);
            Smbd.run(List.of("/usr/bin/python3", "-m", "venv", "--system-site-packages", "--without-pip", venv.toString()), null);
            Files.writeString(venv.resolve("meta.yaml.json"), "true");
            Files.writeString(venv.resolve("marker.txt"), "");
        }
    }
}
