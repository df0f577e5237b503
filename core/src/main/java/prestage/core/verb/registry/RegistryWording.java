package prestage.core.verb.registry;

import prestage.core.OptionWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;

/**
 * Puts what the registry verb decided and did into words: the step's message, its diff lines (per physical place,
 * old and new), its JSON data, and {@code reg query}'s listing for {@code get}.
 */
final class RegistryWording {
    private static final String VERB = "registry";
    private static final int MAX_DIFF_LINES = 40;

    private RegistryWording() {
    }

    static Step step(RegistryChange c) {
        var w = c.where();
        String subject = c.subject();
        var data = data(w, c.name());
        if (c.action() instanceof RegistryChange.SetValue set) {
            RegValue desired = set.desired();
            var diff = new ArrayList<String>();
            var old = new ArrayList<String>();
            for (var p : set.places()) {
                if (p.keyMissing()) diff.add("+ [" + p.loc().describe() + "]");
                p.current().ifPresent(v -> {
                    diff.add("- " + valuePath(p.loc(), c.name()) + " = " + v.describe());
                    old.add(v.describe());
                });
                diff.add("+ " + valuePath(p.loc(), c.name()) + " = " + desired.describe());
            }
            data.put("type", desired.typeName());
            data.put("value", desired.displayData());
            if (!old.isEmpty()) data.put("old", old);
            String where = where(w);
            return change(c, subject, diff, data, "already " + desired.describe() + where, "set " + desired.typeName() + where,
                "set " + desired.typeName() + where);
        }
        if (c.action() instanceof RegistryChange.DeleteValue delete) {
            var diff = new ArrayList<String>();
            for (var p : delete.places()) {
                diff.add("- " + valuePath(p.loc(), c.name()) + p.value().map(v -> " = " + v.describe()).orElse(""));
            }
            String where = where(w);
            return change(c, subject, cap(diff), data, "value already absent" + where, "delete value" + where, "deleted value" + where);
        }
        if (c.action() instanceof RegistryChange.DeleteKey delete) {
            var diff = new ArrayList<String>();
            delete.trees().forEach(t -> describeTree(t, diff));
            String where = where(w);
            return change(c, subject, cap(diff), data, "key already absent" + where, "delete key" + where, "deleted key" + where);
        }
        var export = (RegistryChange.Export) c.action();
        int values = export.keys().stream().mapToInt(k -> k.values().size()).sum();
        data.put("file", export.file());
        data.put("keys", export.keys().size());
        data.put("values", values);
        String what = export.keys().size() + " key(s) and " + values + " value(s) to " + export.file();
        var diff = new ArrayList<String>();
        export.keys().forEach(k -> diff.add("+ [" + k.key() + "]"));
        return switch (c.effect()) {
            case ALREADY -> new Step(VERB, subject, Status.OK, "already exported: " + what, List.of(), data);
            case PLANNED -> new Step(VERB, subject, Status.CHANGED, "would export " + what, cap(diff), data);
            case DONE -> new Step(VERB, subject, Status.CHANGED, "exported " + what, cap(diff), data);
            case FAILED -> Step.failed(VERB, subject, "cannot write " + export.file() + ": " + c.detail());
        };
    }

    /** @param action the change in the imperative ("set REG_SZ in ..."); @param done the same in the past */
    private static Step change(RegistryChange c, String subject, List<String> diff, Map<String, Object> data, String already, String action,
                               String done) {
        return switch (c.effect()) {
            case ALREADY -> new Step(VERB, subject, Status.OK, already, List.of(), data);
            case PLANNED -> new Step(VERB, subject, Status.CHANGED, "would " + action, diff, data);
            case FAILED -> new Step(VERB, subject, Status.FAILED, "cannot " + action + ": " + c.detail(), diff, data);
            case DONE -> new Step(VERB, subject, Status.CHANGED, done + (c.detail() == null ? "" : "; " + c.detail()), diff, data);
        };
    }

    static Step cannotRead(RegistryChange.Where w, String subject, String error) {
        return Step.failed(VERB, subject, cannotReadText(w, error));
    }

    static String cannotReadText(RegistryChange.Where w, String error) {
        return "cannot read " + w.backend().describe() + ": " + error;
    }

    /** Where prestage looked for a key or value it did not find; {@code hint} names the other view that has it, or is empty. */
    static String notFound(RegistryChange.Where w, String name, String hint) {
        String what = name == null ? "no key " + w.key().shortForm() : "no value " + displayName(name) + " under " + w.key().shortForm();
        return what + " in " + w.backend().describe() + " (looked in " + places(w) + ")" + hint;
    }

    static String existsInOtherView(RegistryView other, RegLocation loc) {
        return "; it exists in the " + other.label() + " (" + loc.describe() + "): add " + OptionWords.given("view", String.valueOf(other.bits()));
    }

    /** As {@code reg query} prints a key: its physical path, one line per value, then its subkeys. */
    static String queryText(RegLocation loc, List<RegValue> values, List<String> subkeys) {
        var sb = new StringBuilder(loc.shownAs().toString());
        for (RegValue v : values) {
            sb.append(System.lineSeparator()).append("    ").append(displayName(v.name())).append("    ")
                    .append(v.typeName()).append("    ").append(v.displayData());
        }
        if (!subkeys.isEmpty()) sb.append(System.lineSeparator());
        for (String s : subkeys) sb.append(System.lineSeparator()).append(loc.shownAs().child(s));
        return sb.toString();
    }

    private static void describeTree(RegistryChange.KeyTree t, List<String> diff) {
        diff.add("- [" + t.loc().describe() + "]");
        for (RegValue v : t.values()) diff.add("-   " + displayName(v.name()) + " = " + v.describe());
        for (var child : t.subkeys()) describeTree(child, diff);
    }

    private static List<String> cap(List<String> diff) {
        if (diff.size() <= MAX_DIFF_LINES) return diff;
        var out = new ArrayList<>(diff.subList(0, MAX_DIFF_LINES));
        out.add("~ ... and " + (diff.size() - MAX_DIFF_LINES) + " more line(s)");
        return out;
    }

    private static Map<String, Object> data(RegistryChange.Where w, String name) {
        var data = new LinkedHashMap<String, Object>();
        data.put("key", w.key().shortForm());
        if (name != null) data.put("name", name);
        if (w.view().bits() != null) data.put("view", w.view().bits());
        data.put("locations", w.locations().stream().map(RegLocation::describe).toList());
        data.put("registry", w.backend().describe());
        return data;
    }

    private static String where(RegistryChange.Where w) {
        return " in " + places(w) + " of " + w.backend().describe();
    }

    /** {@code HKLM\SOFTWARE\WOW6432Node\Kidaro (32-bit view)} or, with two places, both joined by "and". */
    private static String places(RegistryChange.Where w) {
        var names = w.locations().stream().map(RegLocation::describe).toList();
        String joined = String.join(" and ", names);
        if (w.locations().size() > 1) return joined + " (the " + w.view().label() + " on x64 and on x86 clients)";
        boolean physical = w.locations().get(0).view() == RegistryView.NATIVE;
        return physical && w.view() != RegistryView.NATIVE ? joined + " (" + w.view().label() + ")" : joined;
    }

    static String valuePath(RegLocation loc, String name) {
        if (loc.view() == RegistryView.NATIVE) return loc.shownAs().shortForm() + "\\" + displayName(name);
        return loc.key().shortForm() + "\\" + displayName(name) + " (" + loc.view().label() + ")";
    }

    static String subject(RegistryKeyPath key, String name) {
        return key.shortForm() + "\\" + displayName(name);
    }

    static String displayName(String name) {
        return name.isEmpty() ? "(Default)" : name;
    }
}
