package prestage.core.verb.msi;

import prestage.core.OptionWords;
import prestage.core.msi.CmdText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import prestage.core.BadInputException;

/**
 * {@code msi PACKAGE PROPERTY=VALUE... --quiet --log FILE --force --run}.
 *
 * @param properties    MSI properties in the order given; names are checked by the verb
 * @param force         accept properties the documentation does not list
 * @param run           also run the command on the client (live Windows only)
 * @param preparedStore the {@code MED-V Images} folder a {@code store} of the same recipe prepared, if any: VMSFOLDER
 *                      should name it. Passed by the face that knows it, so the verbs keep no memory between calls.
 */
public record MsiRequest(String packagePath, Map<String, String> properties, boolean quiet, String log, boolean force, boolean run,
                         Optional<String> preparedStore) {
    public MsiRequest {
        if (packagePath == null || packagePath.isBlank() || !packagePath.toLowerCase(Locale.ROOT).endsWith(".msi")) {
            throw new BadInputException("msi: '" + packagePath + "' is not an .msi package; give the client package, e.g. MED-V_1.0.65.msi");
        }
        CmdText.requireSafe("msi: the package '" + packagePath + "'", packagePath);
        if (log != null) CmdText.requireSafe("msi: " + OptionWords.given("log", "'" + log + "'"), log);
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        preparedStore = preparedStore == null ? Optional.empty() : preparedStore;
    }

    /** The command only: not quiet, no log, documented properties, nothing run, no store to compare with. */
    public MsiRequest(String packagePath, Map<String, String> properties) {
        this(packagePath, properties, false, null, false, false, Optional.empty());
    }

    /**
     * {@code PROPERTY=VALUE} words as the command line gives them, in order; a property given twice (in any case) is
     * refused, since msiexec would silently keep the last.
     */
    public static Map<String, String> properties(List<String> assignments) {
        var props = new LinkedHashMap<String, String>();
        for (String p : assignments) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new BadInputException("msi: '" + p + "' is not PROPERTY=VALUE");
            String name = p.substring(0, eq);
            for (String earlier : props.keySet()) {
                if (earlier.equalsIgnoreCase(name)) {
                    throw new BadInputException("msi: " + name.toUpperCase(Locale.ROOT) + " is given twice (" + earlier + "="
                            + props.get(earlier) + " and " + p + "); give it once");
                }
            }
            props.put(name, p.substring(eq + 1));
        }
        return props;
    }
}
