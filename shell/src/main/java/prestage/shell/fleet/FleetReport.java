package prestage.shell.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import prestage.core.images.SharedSourceReads;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * What a fleet run ends with: the recap (one line per client, as Ansible's PLAY RECAP) for people, and one JSON
 * document with a section per client for programs and for {@code --retry-failed}.
 * <p>
 * The counts follow Ansible: {@code ok} counts the steps that succeeded, changed ones included; {@code changed}
 * those that changed something; {@code failed} the failed steps, and 1 for a run an error stopped without a failed
 * step; {@code unreachable} is 1 for a client that could not be opened.
 */
public final class FleetReport {
    public static final String FORMAT = "prestage-fleet/1";

    private FleetReport() {
    }

    record Counts(int ok, int changed, int drift, int failed, int unreachable) {
        static Counts of(ClientResult r) {
            int ok = r.counts().getOrDefault("ok", 0);
            int changed = r.counts().getOrDefault("changed", 0);
            int drift = r.counts().getOrDefault("drift", 0);
            int failed = r.counts().getOrDefault("failed", 0);
            if (r.state() == ClientResult.State.FAILED && failed == 0) failed = 1;
            boolean unreachable = r.state() == ClientResult.State.UNREACHABLE || r.state() == ClientResult.State.NOT_ATTEMPTED;
            return new Counts(ok + changed, changed, drift, failed, unreachable ? 1 : 0);
        }
    }

    public static String recap(List<ClientResult> results) {
        int name = results.stream().mapToInt(r -> r.member().name().length()).max().orElse(0);
        var sb = new StringBuilder("PRESTAGE RECAP ").append("*".repeat(60)).append('\n');
        for (ClientResult r : results) {
            Counts c = Counts.of(r);
            var line = new StringBuilder(String.format(Locale.ROOT, "%-" + Math.max(1, name) + "s : ok=%-4d changed=%-4d unreachable=%-2d failed=%-4d%s %7.1f s  %-11s",
                    r.member().name(), c.ok(), c.changed(), c.unreachable(), c.failed(),
                    c.drift() > 0 ? String.format(Locale.ROOT, " drift=%-3d", c.drift()) : "", r.seconds(), r.state().label()));
            if (r.error() != null) line.append("  ").append(r.error());
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        var byState = byState(results);
        sb.append(results.size()).append(results.size() == 1 ? " client: " : " clients: ");
        var parts = new ArrayList<String>();
        byState.forEach((state, n) -> parts.add(n + " " + state));
        sb.append(String.join(", ", parts));
        return sb.toString();
    }

    static Map<String, Integer> byState(List<ClientResult> results) {
        var byState = new LinkedHashMap<String, Integer>();
        for (ClientResult.State s : ClientResult.State.values()) {
            int n = (int) results.stream().filter(r -> r.state() == s).count();
            if (n > 0) byState.put(s.label(), n);
        }
        return byState;
    }

    /** e.g. {@code source files: 1.0 GiB read for 4.0 GiB copied (read alone by lagging copies: 0 B), 1.0 GiB hashed}. */
    public static String sourceReads(SharedSourceReads reads) {
        return "source files: " + prestage.shell.render.Bytes.human(reads.bytesRead()) + " read for "
                + prestage.shell.render.Bytes.human(reads.bytesDelivered()) + " copied (read alone by lagging copies: "
                + prestage.shell.render.Bytes.human(reads.bytesReadAlone()) + "), " + prestage.shell.render.Bytes.human(reads.bytesHashed())
                + " hashed";
    }

    public static String json(String recipe, boolean whatIf, int forks, List<ClientResult> results, SharedSourceReads reads, int exit) {
        var doc = header(recipe, whatIf, forks, true);
        doc.put("clients", results.stream().map(FleetReport::section).toList());
        doc.put("summary", byState(results));
        if (reads != null) doc.put("sourceReads", sourceReadCounts(reads));
        doc.put("exitCode", exit);
        return text(doc);
    }

    static Map<String, Object> sourceReadCounts(SharedSourceReads reads) {
        var sr = new LinkedHashMap<String, Object>();
        sr.put("bytesRead", reads.bytesRead());
        sr.put("bytesReadAlone", reads.bytesReadAlone());
        sr.put("bytesCopied", reads.bytesDelivered());
        sr.put("bytesHashed", reads.bytesHashed());
        return sr;
    }

    static LinkedHashMap<String, Object> header(String recipe, boolean whatIf, int forks, boolean complete) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("command", "run");
        doc.put("format", FORMAT);
        doc.put("recipe", recipe);
        doc.put("whatIf", whatIf);
        doc.put("forks", forks);
        doc.put("complete", complete);
        return doc;
    }

    static LinkedHashMap<String, Object> member(FleetMember member) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", member.name());
        m.put("target", member.target());
        m.put("registry", member.registry());
        m.put("params", member.params());
        if (!member.logon().isEmpty()) m.put("logon", LogonVars.json(member.logon()));
        return m;
    }

    /** A finished client's section: its row, and its run's document when the row still has it. */
    static Map<String, Object> section(ClientResult r) {
        Counts c = Counts.of(r);
        var m = member(r.member());
        m.put("state", r.state().label());
        m.put("finished", r.finished());
        m.put("ok", c.ok());
        m.put("changed", c.changed());
        m.put("drift", c.drift());
        m.put("failed", c.failed());
        m.put("unreachable", c.unreachable());
        m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        m.put("error", r.error());
        m.put("exitCode", r.exitCode());
        if (r.run() != null) m.put("run", new RawValue(r.run()));
        return m;
    }

    private static String text(Map<String, Object> doc) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
