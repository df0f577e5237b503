package prestage.core.verbs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import prestage.core.images.PushOptions;
import prestage.core.msi.MsiCommand;
import prestage.core.outcome.Step;
import prestage.core.registry.RegValue;
import prestage.core.store.Store;

/**
 * The verbs every face drives: recipes, the console and one-shot commands call these and nothing else,
 * so a recipe can be tested against a recording fake. Paths are Windows paths ({@code C:\X}) or native
 * ones; the target maps them. Mutating verbs honour what-if and return the step they recorded.
 */
public interface Verbs {

    /**
     * The same verbs against another client ({@code --target} semantics: a folder, an ntfs-3g mount point, or
     * {@code live}); steps go to the same outcome.
     */
    Verbs onTarget(String target, String registry);

    /** Creates (or inspects, under what-if) {@code ROOT\MED-V Images\PrestagedImages}. */
    Store store(String root);

    // ---- acl (issue 3)

    /** Sets {@code acl} (SDDL, icacls, cacls listing, @file or a profile name) on {@code path}. */
    Step aclApply(String path, String acl, Boolean protect);

    /**
     * As {@link #aclApply(String, String, Boolean)}; {@code force} also writes a DACL that grants no one access
     * (an empty {@code D:}), which is refused otherwise.
     */
    default Step aclApply(String path, String acl, Boolean protect, boolean force) {
        if (force) throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot force an ACL");
        return aclApply(path, acl, protect);
    }

    /** The descriptor on {@code path} in {@code format}: sddl, icacls or json. */
    String aclShow(String path, String format);

    /** Compares {@code path} with {@code acl}: ok when in the desired state, drift otherwise. */
    Step aclDiff(String path, String acl);

    // ---- push and verify (issue 4)

    Step push(List<String> sources, String to, PushOptions options);

    Step verify(String dir, boolean readOnly);

    // ---- registry (issue 5)

    /** The value (or, with a null name, every value of the key), formatted as {@code reg query} would. */
    String registryGet(String key, String name, Integer view);

    /** The value as stored (type and bytes), read where the view reads it; empty when it is not set. No step. */
    Optional<RegValue> registryValue(String key, String name, Integer view);

    Step registrySet(String key, String name, String value, String type, Integer view);

    Step registryDelete(String key, String name, Integer view);

    Step registryExport(String key, String file, Integer view);

    // ---- msi

    /** The client install command; nothing runs. */
    default MsiCommand msi(String packagePath, Map<String, String> properties, boolean quiet, String log, boolean force) {
        return msi(packagePath, properties, quiet, log, force, false);
    }

    /**
     * The client install command; with {@code run} the client also runs it (live Windows only: other clients refuse
     * it as bad input), and the step is changed, or failed with msiexec's status.
     */
    MsiCommand msi(String packagePath, Map<String, String> properties, boolean quiet, String log, boolean force, boolean run);

    // ---- status (issue 6)

    /** One look at the client under {@code root}; the install command shown names the profile's package. */
    default Step status(String root) {
        return status(root, null);
    }

    /** As {@link #status(String)}, showing the install command for {@code msiPackage} (null: the profile's). */
    Step status(String root, String msiPackage);
}
