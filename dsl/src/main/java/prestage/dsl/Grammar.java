package prestage.dsl;

import static prestage.dsl.OptionType.SWITCH;
import static prestage.dsl.OptionType.TEXT;
import static prestage.dsl.OptionType.TEXTS;
import static prestage.dsl.OptionType.VIEW;
import static prestage.dsl.OptionType.WHOLE;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recipe verbs, each declared once: what {@link PrestageScript} accepts, {@link Preflight} checks,
 * {@link FactsCollector} records and the console completes. A new named option is one {@code .option(...)} here
 * (plus reading it where the verb builds its request).
 */
public final class Grammar {
    static final VerbForm STORE = VerbForm.of("store", "root");
    static final VerbForm ACL = VerbForm.of("acl", "path", "acl").option("protect", SWITCH).option("force", SWITCH);
    static final VerbForm ACL_APPLY = ACL.rename("acl.apply");
    static final VerbForm ACL_SHOW = VerbForm.of("acl.show", "path").option("format", TEXT);
    static final VerbForm ACL_DIFF = VerbForm.of("acl.diff", "path", "acl");
    static final VerbForm PUSH = VerbForm.of("push")
            .option("from", TEXTS).option("to", TEXT).option("include", TEXTS).option("jobs", WHOLE).option("force", SWITCH);
    static final VerbForm VERIFY = VerbForm.of("verify", "dir").option("readOnly", SWITCH);
    static final VerbForm REGISTRY_GET = VerbForm.of("registry.get", "key", "name").option("view", VIEW);
    static final VerbForm REGISTRY_SET = VerbForm.of("registry.set", "key", "name", "value").option("view", VIEW).option("type", TEXT);
    static final VerbForm REGISTRY_DELETE = VerbForm.of("registry.delete", "key", "name").option("view", VIEW);
    static final VerbForm REGISTRY_EXPORT = VerbForm.of("registry.export", "key", "file").option("view", VIEW);
    /** Upper-case names are MSI properties; the rest are switches ({@code run: true} runs it on a live Windows client). */
    static final VerbForm MSI = VerbForm.of("msi", "package")
            .option("quiet", SWITCH).option("log", TEXT).option("force", SWITCH).option("run", SWITCH).withProperties();
    static final VerbForm STATUS = VerbForm.of("status", "root");
    /** {@code registry:} a hive or .reg file; the rest say how to log on to a machine on the network. */
    static final VerbForm CLIENT = VerbForm.of("client", "target").option("registry", TEXT)
            .option("credentials", TEXT).option("auth", TEXT).option("keytab", TEXT).option("principal", TEXT);
    static final VerbForm INCLUDE = VerbForm.of("include", "path");

    static final List<VerbForm> FORMS = List.of(STORE, ACL, ACL_APPLY, ACL_SHOW, ACL_DIFF, PUSH, VERIFY,
            REGISTRY_GET, REGISTRY_SET, REGISTRY_DELETE, REGISTRY_EXPORT, MSI, STATUS, CLIENT, INCLUDE);

    private Grammar() {
    }

    /** Every form, in the order the documentation lists them. */
    public static List<VerbForm> forms() {
        return FORMS;
    }

    /** The form a recipe calls by {@code name} ({@code push}, {@code registry.set}). */
    static Optional<VerbForm> form(String name) {
        return FORMS.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The words a recipe statement starts a verb with, in the order the documentation lists them. */
    public static Set<String> words() {
        var words = new LinkedHashSet<String>();
        FORMS.forEach(f -> words.add(f.word()));
        return words;
    }

    /** Whether {@code word.method} names a verb: {@code acl.show}, {@code registry.set}. */
    static boolean isMember(String word, String method) {
        return form(word + "." + method).isPresent();
    }

    /** Whether a call of {@code name} with nothing before it is a verb ({@code push}, not {@code registry}). */
    static boolean isVerb(String name) {
        return form(name).isPresent();
    }
}
