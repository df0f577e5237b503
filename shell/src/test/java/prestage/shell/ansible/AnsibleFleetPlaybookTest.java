package prestage.shell.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.testing.Smbd;
import prestage.smb.testing.LoopbackSmbd;
import prestage.smb.testing.SampleImages;

/**
 * The collection's fleet playbook ({@code prestage.medv.prestage_fleet}), installed with ansible-galaxy from the
 * repository path as the README says, run by Debian's ansible-playbook against two real smbd servers on loopback
 * and a third client whose password is wrong, the logon given through the module's username/password options.
 * Judged by Ansible's own recap and messages, sha256sum -c, smbcacls, net rpc registry and a snapshot of the
 * served folders (content and the NT ACL and DOS attribute xattrs smbd keeps).
 */
@EnabledOnOs(OS.LINUX)
class AnsibleFleetPlaybookTest {
    private static final String WRONG_PASSWORD = "Wrong-Pass-9471";

    @TempDir
    Path dir;

    @Test
    void checkDiffChangesNothingTheRunPrestagesBothAndFailsTheThirdTheSecondRunChangesNothingAndVvvHidesThePassword() throws Exception {
        Path images = SampleImages.random(dir.resolve("images").resolve("Win7.ckm"), 1, 7).getParent();
        Files.writeString(images.resolve("Win7.ckm.index"), "index\n");
        var ansible = new Ansible(dir);
        try (var pc1 = LoopbackSmbd.start(dir.resolve("pc1")); var pc2 = LoopbackSmbd.start(dir.resolve("pc2"))) {
            for (var s : List.of(pc1, pc2)) s.netRpc("registry", "createkey", "HKLM\\SOFTWARE\\WOW6432Node");
            // hosts by name; the target names each server's port, which \\HOST\C$ cannot; no user in the target:
            // the logon comes from the module's username and password
            Path inventory = Files.writeString(dir.resolve("hosts.ini"), "[medv_clients]\n"
                    + "pc1 prestage_target=" + target(pc1) + "\n"
                    + "pc2 prestage_target=" + target(pc2) + "\n"
                    + "pc3 prestage_target=" + target(pc1) + " prestage_password=" + WRONG_PASSWORD + "\n"
                    + "[medv_clients:vars]\nprestage_username=" + LoopbackSmbd.USER + "\nprestage_password=" + LoopbackSmbd.PASSWORD + "\n");
            var fleet = List.of("-i", inventory.toString(), "prestage.medv.prestage_fleet", "-e", "prestage_source=" + images);

            Map<String, String> before = snapshot(pc1, pc2);
            Smbd.Result check = ansible.playbook(fleet, "--check", "--diff");
            assertEquals(2, check.exitCode(), "ansible-playbook exits 2 when a host failed:\n" + check.stdout() + check.stderr());
            assertRecap(check, "pc1", "pc1 : ok=1 changed=1 unreachable=0 failed=0");
            assertRecap(check, "pc2", "pc2 : ok=1 changed=1 unreachable=0 failed=0");
            assertTrue(Pattern.compile("^\\+ +Win7\\.ckm \\(1\\.0 MB\\)$", Pattern.MULTILINE).matcher(check.stdout()).find(),
                    "--check --diff shows the push it would do:\n" + check.stdout());
            assertEquals(before, snapshot(pc1, pc2), "--check changed a client");
            assertThrows(IOException.class, () -> pc1.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "PrestagedImagesPath"),
                    "--check set the registry value");

            Smbd.Result first = ansible.playbook(fleet, "--diff");
            assertEquals(2, first.exitCode(), first.stdout() + first.stderr());
            assertRecap(first, "pc1", "pc1 : ok=1 changed=1 unreachable=0 failed=0");
            assertRecap(first, "pc2", "pc2 : ok=1 changed=1 unreachable=0 failed=0");
            assertRecap(first, "pc3", "pc3 : ok=0 changed=0 unreachable=0 failed=1");
            String msg = failure(first, "pc3").get("msg").asText();
            assertTrue(msg.contains("refused the logon of " + LoopbackSmbd.USER + ": wrong user name or password"), "prestage's message: " + msg);
            assertFalse(msg.contains("\n") || msg.contains("Exception"), "one line, no Java: " + msg);
            for (var s : List.of(pc1, pc2)) judge(s);

            Smbd.Result second = ansible.playbook(fleet, "-vvv");
            assertEquals(2, second.exitCode(), second.stdout() + second.stderr());
            assertRecap(second, "pc1", "pc1 : ok=1 changed=0 unreachable=0 failed=0");
            assertRecap(second, "pc2", "pc2 : ok=1 changed=0 unreachable=0 failed=0");
            String all = second.stdout() + second.stderr();
            // -vvv prints each task's arguments: the password option is there, masked
            assertTrue(all.contains("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"), "-vvv shows the module's arguments:\n" + all);
            assertFalse(all.contains(LoopbackSmbd.PASSWORD), "-vvv output holds the password:\n" + all);
            assertFalse(all.contains(WRONG_PASSWORD), "-vvv output holds the wrong password:\n" + all);
            assertTrue(Files.readString(ansible.calls()).lines().noneMatch(l -> l.contains(LoopbackSmbd.PASSWORD) || l.contains(WRONG_PASSWORD)),
                    "a password reached prestage's command line");
        }
    }

    @Test
    void aMisspelledOptionIsRefusedByAnsibleBeforePrestageRuns() throws Exception {
        var ansible = new Ansible(dir);
        Path play = Files.writeString(dir.resolve("typo.yml"), """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - prestage.medv.prestage:
                        target: /nowhere
                        recipee: medv-prestage
                        executable: %s
                """.formatted(ansible.launcher()));
        Smbd.Result r = ansible.playbook(List.of("-i", "localhost,", "-c", "local", play.toString()));
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("Unsupported parameters for (prestage.medv.prestage) module: recipee"), r.stdout());
        assertTrue(recap(r, "localhost").contains("failed=1"), recap(r, "localhost"));
        assertFalse(Files.exists(ansible.calls()), "prestage ran");
    }

    /** The server's share as an SMB URL without a user: {@code smb://127.0.0.1:PORT/share}. */
    private static String target(LoopbackSmbd smbd) {
        return "smb://127.0.0.1:" + smbd.port() + "/" + LoopbackSmbd.SHARE;
    }

    private static void judge(LoopbackSmbd smbd) throws IOException {
        Path store = smbd.shareDir().resolve("MED-V Images").resolve("PrestagedImages");
        assertEquals("Win7.ckm: OK\nWin7.ckm.index: OK\n",
                Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum --strict -c SHA256SUMS", store.toString()), null));
        String acl = smbd.smbcacls(LoopbackSmbd.SHARE, "MED-V Images", "--numeric");
        assertTrue(acl.contains("ACL:S-1-5-11:0/0x3/0x0012008d"), acl);
        String value = smbd.netRpc("registry", "getvalue", "HKLM\\SOFTWARE\\WOW6432Node\\Kidaro", "PrestagedImagesPath");
        assertTrue(value.contains("C:\\MED-V Images\\PrestagedImages"), value);
    }

    /** Every file and folder the servers share: its content's SHA-256 and the xattrs smbd keeps NT ACLs and DOS attributes in. */
    private static Map<String, String> snapshot(LoopbackSmbd... servers) throws IOException, NoSuchAlgorithmException {
        var out = new TreeMap<String, String>();
        for (var s : servers) {
            try (Stream<Path> walk = Files.walk(s.shareDir())) {
                for (Path p : walk.toList()) {
                    var what = new StringBuilder(Files.isDirectory(p) ? "dir" : HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                    var xattrs = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
                    for (String name : xattrs.list().stream().sorted().toList()) {
                        ByteBuffer b = ByteBuffer.allocate(xattrs.size(name));
                        xattrs.read(name, b);
                        what.append(' ').append(name).append('=').append(HexFormat.of().formatHex(b.array()));
                    }
                    out.put(p.toString(), what.toString());
                }
            }
        }
        return out;
    }

    private static void assertRecap(Smbd.Result r, String host, String expected) {
        assertTrue(recap(r, host).startsWith(expected), recap(r, host) + "\n" + r.stdout() + r.stderr());
    }

    /** Ansible's recap line of {@code host}: {@code pc1 : ok=1 changed=1 unreachable=0 failed=0 ...}. */
    static String recap(Smbd.Result r, String host) {
        String out = r.stdout();
        int at = out.indexOf("PLAY RECAP");
        assertTrue(at >= 0, "no PLAY RECAP:\n" + out + r.stderr());
        return out.substring(at).lines().filter(l -> l.startsWith(host + " ")).findFirst()
                .map(l -> l.replaceAll("\\s+", " ").strip()).orElseThrow(() -> new AssertionError("no recap line for " + host + ":\n" + out));
    }

    /** The result Ansible printed for {@code host}'s failed task: {@code fatal: [pc3 -> localhost]: FAILED! => {...}}. */
    private static JsonNode failure(Smbd.Result r, String host) throws IOException {
        Matcher m = Pattern.compile("^fatal: \\[" + host + "[^\\]]*\\]: FAILED! => (\\{.*\\})$", Pattern.MULTILINE).matcher(r.stdout());
        assertTrue(m.find(), "no failure of " + host + ":\n" + r.stdout());
        return new ObjectMapper().readTree(m.group(1));
    }

    /** ansible-playbook with the collection installed from the repository into a folder of the test's own. */
    static final class Ansible {
        private final Path dir;
        private final Path collections;

        Ansible(Path dir) throws IOException {
            Smbd.requireToolFor("ansible-playbook", "ansible-core (apt-get install ansible-core)");
            this.dir = dir;
            this.collections = dir.resolve("collections");
            Smbd.run(List.of("env", "HOME=" + dir, "ansible-galaxy", "collection", "install", "--force", Collection.SOURCE.toString(),
                    "-p", collections.toString()), null);
        }

        /** A launcher for the module: this build of prestage started as a program; each call is appended to {@link #calls}. */
        Path launcher() throws IOException {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path script = dir.resolve("prestage");
            if (!Files.exists(script)) {
                Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls() + "'\nexec '" + java
                        + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + classPath + "' prestage.shell.Main \"$@\"\n");
                script.toFile().setExecutable(true);
            }
            return script;
        }

        /** Where the launcher notes the command line of each prestage it started. */
        Path calls() {
            return dir.resolve("prestage-calls");
        }

        Smbd.Result playbook(List<String> args, String... more) throws IOException {
            var cmd = new ArrayList<>(List.of("env", "HOME=" + dir, "ANSIBLE_NOCOLOR=1", "ANSIBLE_FORCE_COLOR=0",
                    "ANSIBLE_COLLECTIONS_PATH=" + collections, "ANSIBLE_LOCAL_TEMP=" + dir.resolve("ansible-tmp"),
                    "ANSIBLE_RETRY_FILES_ENABLED=0", "ANSIBLE_PYTHON_INTERPRETER=auto_silent", "ansible-playbook"));
            cmd.addAll(args);
            cmd.addAll(List.of("-e", "prestage_executable=" + launcher()));
            cmd.addAll(List.of(more));
            return Smbd.exec(cmd, null);
        }
    }
}
