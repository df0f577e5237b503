package prestage.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.operations.Operations;
import prestage.core.Progress;
import prestage.core.operations.Verbs;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.msi.MsiProperty;
import prestage.core.outcome.Outcome;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.ValueType;
import prestage.core.security.AclArgument;
import prestage.core.client.open.Clients;

/**
 * Everything about a recipe that can be checked before its first change, checked before it starts:
 * <ul>
 * <li>every parameter it reads without a default is given (unless it asks {@code params.has('x')} first);</li>
 * <li>each verb call whose arguments are known from the text (literals, parameters, {@code medv.} properties and
 *     variables set once from those) gets what that verb accepts: named options it knows, ACL notation that parses,
 *     a registry key, type and value that parse, MSI properties the client knows with values they take, push
 *     sources that exist with names the client accepts.</li>
 * </ul>
 * The verb checks run the verbs' own code under what-if against an empty scratch client, so the preflight and the
 * verb cannot disagree about what is valid. Arguments computed at run time are checked when their verb runs.
 */
final class Preflight {
    private static final Pattern DRIVE_PATH = Pattern.compile("^[A-Za-z]:([\\\\/].*)?$");

    private final List<RecipeFacts> recipes;
    private final Map<String, String> given;
    private Path scratchDir;
    private Verbs scratch;

    private Preflight(List<RecipeFacts> recipes, Map<String, String> given) {
        this.recipes = recipes;
        this.given = given;
    }

    /** @throws RecipeException (file, line N) for the first problem found, as bad input */
    static void check(List<RecipeFacts> recipes, Map<String, String> given) {
        var preflight = new Preflight(recipes, given);
        try {
            preflight.parameters();
            preflight.calls();
        } finally {
            preflight.close();
        }
    }

    /** The values declared parameters take when not given (null: optional, no default). */
    static Map<String, String> defaults(List<RecipeFacts> recipes) {
        var out = new LinkedHashMap<String, String>();
        for (RecipeFacts f : recipes) {
            for (var d : f.declared()) if (!d.required()) out.putIfAbsent(d.name(), d.fallback());
        }
        return out;
    }

    private void parameters() {
        var declared = new LinkedHashSet<String>();
        var read = new LinkedHashSet<String>();
        var tested = new LinkedHashSet<String>();
        recipes.forEach(f -> {
            f.declared().forEach(d -> declared.add(d.name()));
            f.reads().forEach(r -> read.add(r.name()));
            tested.addAll(f.tested());
        });
        if (!declared.isEmpty()) {
            for (String name : given.keySet()) {
                if (!declared.contains(name) && !read.contains(name)) {
                    throw new RecipeException(recipes.get(0).file(), 0, "takes no parameter '" + name + "'; its parameters are "
                            + String.join(", ", declared) + " (see prestage run " + recipes.get(0).file() + " --help)", true, null);
                }
            }
        }
        Map<String, String> defaults = defaults(recipes);
        for (RecipeFacts f : recipes) {
            for (var d : f.declared()) {
                if (d.required() && !given.containsKey(d.name())) throw missing(f.file(), d.line(), d.name());
            }
        }
        for (RecipeFacts f : recipes) {
            for (var r : f.reads().stream().sorted(Comparator.comparingInt(RecipeFacts.Read::line)).toList()) {
                if (r.hasDefault() || given.containsKey(r.name()) || defaults.containsKey(r.name()) || tested.contains(r.name())) continue;
                throw missing(f.file(), r.line(), r.name());
            }
        }
    }

    private static RecipeException missing(String file, int line, String name) {
        return new RecipeException(file, line, "parameter '" + name + "' is required: give -p " + name + "=VALUE", true, null);
    }

    private void calls() {
        var params = new LinkedHashMap<String, String>();
        defaults(recipes).forEach((k, v) -> {
            if (v != null) params.put(k, v);
        });
        params.putAll(given);
        for (RecipeFacts f : recipes) {
            for (var call : f.calls()) {
                try {
                    check(call, params);
                } catch (BadInputException e) {
                    throw new RecipeException(f.file(), call.line(), e.getMessage(), true, e);
                }
            }
        }
    }

    private void check(RecipeFacts.Call call, Map<String, String> params) {
        var named = new LinkedHashMap<String, Optional<Object>>();
        call.named().forEach((k, v) -> named.put(k, v.value(params)));
        var positional = call.positional().stream().map(a -> a.value(params)).toList();
        switch (call.verb()) {
            case "acl", "acl.apply" -> {
                options(call.verb().equals("acl") ? "acl" : "acl.apply", named, "protect");
                bool("acl", named, "protect");
                at(positional, 1).ifPresent(acl -> AclArgument.parse(acl.toString()));
            }
            case "acl.diff" -> at(positional, 1).ifPresent(acl -> AclArgument.parse(acl.toString()));
            case "acl.show" -> options("acl.show", named, "format");
            case "verify" -> {
                options("verify", named, "readOnly");
                bool("verify", named, "readOnly");
            }
            case "client" -> options("client", named, PrestageScript.CLIENT_OPTIONS);
            case "push" -> push(named);
            case "registry.set" -> registrySet(named, positional);
            case "registry.get", "registry.delete", "registry.export" -> {
                options(call.verb(), named, "view");
                view(call.verb(), named);
                at(positional, 0).ifPresent(key -> RegistryKeyPath.parse(key.toString(), w -> { }));
            }
            case "msi" -> msi(named, positional);
            default -> { }
        }
    }

    private void push(Map<String, Optional<Object>> named) {
        options("push", named, "from", "to", "include", "jobs", "force");
        bool("push", named, "force");
        Optional<Object> from = named.getOrDefault("from", Optional.empty());
        Optional<Object> include = named.getOrDefault("include", Optional.of(List.of()));
        Optional<Object> jobs = named.getOrDefault("jobs", Optional.of(0));
        if (from.isEmpty() || include.isEmpty() || jobs.isEmpty()) return;
        int jobCount;
        try {
            jobCount = jobs.get() instanceof Number n ? n.intValue() : Integer.parseInt(jobs.get().toString());
        } catch (NumberFormatException e) {
            throw new BadInputException("push: jobs: takes a whole number, not '" + jobs.get() + "'");
        }
        var options = new PushOptions(strings(include.get()), jobCount, false);
        // sources on the client (C:\...) depend on the client; local ones are checked here, with push's own rules
        List<String> local = strings(from.get()).stream().filter(s -> !DRIVE_PATH.matcher(s).matches()).toList();
        if (local.isEmpty()) return;
        scratch().push(new PushRequest(local, "C:\\preflight\\PrestagedImages", options));
    }

    private void registrySet(Map<String, Optional<Object>> named, List<Optional<Object>> positional) {
        options("registry.set", named, "view", "type");
        Integer view = view("registry.set", named);
        Optional<Object> type = named.getOrDefault("type", Optional.empty());
        if (named.containsKey("type") && type.isPresent()) ValueType.parseWritable(type.get().toString());
        Optional<Object> key = at(positional, 0);
        key.ifPresent(k -> RegistryKeyPath.parse(k.toString(), w -> { }));
        Optional<Object> name = at(positional, 1);
        Optional<Object> value = at(positional, 2);
        boolean typeKnown = !named.containsKey("type") || type.isPresent();
        if (key.isPresent() && name.isPresent() && value.isPresent() && typeKnown && (!named.containsKey("view") || view != null)) {
            String data = value.get() instanceof List<?> list ? String.join("\0", list.stream().map(String::valueOf).toList()) : value.get().toString();
            scratch().registrySet(new RegistrySetRequest(key.get().toString(), name.get().toString(), data, type.map(Object::toString).orElse(null), view));
        }
    }

    private void msi(Map<String, Optional<Object>> named, List<Optional<Object>> positional) {
        boolean force = Boolean.TRUE.equals(bool("msi", named, "force"));
        bool("msi", named, "quiet");
        bool("msi", named, "run"); // the real client decides whether it can run it; the scratch one never runs anything
        var properties = new LinkedHashMap<String, String>();
        for (var e : named.entrySet()) {
            String name = e.getKey();
            if (name.equals("quiet") || name.equals("force") || name.equals("log") || name.equals("run")) continue;
            if (e.getValue().isPresent()) {
                properties.put(name, e.getValue().get().toString());
            } else if (MsiProperty.named(name).isEmpty() && !force) {
                // the value is computed at run time; the name alone can still be wrong
                properties.put(name, "");
            }
        }
        Optional<Object> pkg = at(positional, 0);
        String packagePath = pkg.map(Object::toString).orElse("preflight.msi");
        String log = named.containsKey("log") ? named.get("log").map(Object::toString).orElse(null) : null;
        scratch().msi(new MsiRequest(packagePath, properties, false, log, force, false, Optional.empty()));
    }

    private static void options(String verb, Map<String, Optional<Object>> named, String... known) {
        var keys = new LinkedHashMap<String, Object>();
        named.keySet().forEach(k -> keys.put(k, ""));
        NamedArgs.of(verb, keys, known);
    }

    private static Boolean bool(String verb, Map<String, Optional<Object>> named, String name) {
        Optional<Object> v = named.getOrDefault(name, Optional.empty());
        if (v.isEmpty()) return null;
        return NamedArgs.of(verb, Map.of(name, v.get()), name).bool(name);
    }

    private static Integer view(String verb, Map<String, Optional<Object>> named) {
        Optional<Object> v = named.getOrDefault("view", Optional.empty());
        if (v.isEmpty()) return null;
        return NamedArgs.of(verb, Map.of("view", v.get()), "view").view();
    }

    private static Optional<Object> at(List<Optional<Object>> positional, int index) {
        return index < positional.size() ? positional.get(index) : Optional.empty();
    }

    private static List<String> strings(Object v) {
        if (v instanceof Iterable<?> it) {
            var out = new ArrayList<String>();
            it.forEach(x -> out.add(String.valueOf(x)));
            return out;
        }
        return List.of(v.toString());
    }

    /** The verbs under what-if on an empty folder client: they check their arguments and change nothing. */
    private Verbs scratch() {
        if (scratch == null) {
            try {
                scratchDir = Files.createTempDirectory("prestage-preflight-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot make a scratch folder for the preflight: " + e.getMessage(), e);
            }
            scratch = new Operations(new Context(Clients.open(scratchDir.toString(), null), new Outcome(true), Progress.NONE));
        }
        return scratch;
    }

    private void close() {
        if (scratchDir == null) return;
        try (Stream<Path> files = Files.walk(scratchDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a scratch folder left in the temporary directory harms nothing
        }
    }
}
