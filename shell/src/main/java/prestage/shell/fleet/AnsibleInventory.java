package prestage.shell.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import prestage.core.BadInputException;

/**
 * {@code --inventory INV [--limit PATTERN]}: the clients of an Ansible inventory, read by Ansible itself (any format
 * or plugin it knows, group_vars included), never by a parser of ours. {@code ansible-inventory --list} gives the host
 * variables; {@code ansible PATTERN --list-hosts} applies Ansible's own host patterns for {@code --limit}.
 * <p>
 * Host variables that prestage reads:
 * <ul>
 *   <li>{@code prestage_target}: the client's {@code --target}; without it {@code \\HOST\C$}, HOST being
 *       {@code ansible_host} or else the inventory name</li>
 *   <li>{@code prestage_registry}: its {@code --registry}</li>
 *   <li>{@code prestage_params}: recipe parameters as a dict (as the collection's playbook {@code prestage.medv.prestage_fleet} reads them; its README lists them all)</li>
 *   <li>{@code prestage_param_NAME}: the recipe parameter NAME, over {@code prestage_params}; {@code -p NAME=...} on the
 *       command line wins over both</li>
 *   <li>{@code prestage_auth}, {@code prestage_credentials}, {@code prestage_keytab}, {@code prestage_principal}: how to
 *       log on to this host, over the command line's {@code --auth}, {@code --credentials}, {@code --keytab},
 *       {@code --principal} ({@link LogonVars}; docs/kerberos.md)</li>
 * </ul>
 */
public final class AnsibleInventory {
    public static final String TARGET = "prestage_target";
    public static final String REGISTRY = "prestage_registry";
    public static final String PARAM = "prestage_param_";
    public static final String PARAMS = "prestage_params";
    private static final long TIMEOUT_SECONDS = 120;

    private AnsibleInventory() {
    }

    public static List<FleetMember> read(String inventory, String limit) {
        // ansible-inventory takes a missing file for an empty inventory (a warning, exit 0): say what is wrong instead
        if (!inventory.contains(",") && !Files.exists(Path.of(inventory))) {
            throw new BadInputException("--inventory " + inventory + ": no such file or folder; give an Ansible inventory (a file, a folder,"
                    + " or hosts separated by commas)");
        }
        JsonNode list = json(run(List.of("ansible-inventory", "-i", inventory, "--list"), inventory), inventory);
        JsonNode hostvars = list.path("_meta").path("hostvars");
        var members = new ArrayList<FleetMember>();
        for (String host : hosts(inventory, limit == null ? "all" : limit)) {
            members.add(member(host, hostvars.path(host)));
        }
        if (members.isEmpty()) {
            throw new BadInputException("--inventory " + inventory + (limit == null ? "" : " --limit " + limit) + ": no host matches; check the pattern with: ansible -i "
                    + inventory + " '" + (limit == null ? "all" : limit) + "' --list-hosts");
        }
        return members;
    }

    static FleetMember member(String host, JsonNode vars) {
        String target = text(vars, TARGET);
        if (target == null) target = "\\\\" + hostForUnc(text(vars, "ansible_host") == null ? host : text(vars, "ansible_host")) + "\\C$";
        var params = new LinkedHashMap<String, String>();
        vars.path(PARAMS).fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        vars.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(PARAM) && e.getKey().length() > PARAM.length()) {
                params.put(e.getKey().substring(PARAM.length()), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        return new FleetMember(host, target, text(vars, REGISTRY), params, LogonVars.fromHostVars(host, name -> text(vars, name)));
    }

    /** An IPv6 address goes in brackets, so that its colons are not taken for a port. */
    static String hostForUnc(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String text(JsonNode vars, String name) {
        JsonNode v = vars.get(name);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** Ansible's answer to "which hosts does PATTERN name", in inventory order. */
    static List<String> hosts(String inventory, String pattern) {
        // after "--": a pattern that starts with a dash ("-web" is not Ansible's syntax, but a typo) stays a pattern
        String out = run(List.of("ansible", "-i", inventory, "--list-hosts", "--", pattern), inventory);
        var hosts = new ArrayList<String>();
        boolean inList = false;
        for (String line : out.split("\n")) {
            if (line.strip().matches("hosts \\(\\d+\\):")) {
                inList = true;
            } else if (inList && line.startsWith("    ") && !line.isBlank()) {
                hosts.add(line.strip());
            }
        }
        return hosts;
    }

    private static JsonNode json(String text, String inventory) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new BadInputException("--inventory " + inventory + ": ansible-inventory --list printed no JSON (" + prestage.shell.run.JsonErrors.describe(e) + ")");
        }
    }

    private static String run(List<String> command, String inventory) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("prestage-ansible", ".out");
            err = Files.createTempFile("prestage-ansible", ".err");
            var pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // no colour codes in what we read, and no cowsay
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().put("ANSIBLE_NOCOWS", "1");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new BadInputException("--inventory " + inventory + ": cannot run " + command.get(0)
                        + " (install Ansible: apt-get install ansible-core), or give the clients with --targets FILE");
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BadInputException("--inventory " + inventory + ": " + command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String why = Files.readString(err, StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("exit status " + p.exitValue());
                throw new BadInputException("--inventory " + inventory + ": " + String.join(" ", command) + " failed: " + why);
            }
            return stdout;
        } catch (IOException e) {
            throw new BadInputException("--inventory " + inventory + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("--inventory " + inventory + ": interrupted");
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file left in /tmp is not worth failing the run
        }
    }
}
