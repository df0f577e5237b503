package prestage.core.operations;


import java.util.Optional;

import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.msi.MsiCommand;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.outcome.Step;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.registry.RegValue;
import prestage.core.verb.store.Store;
import prestage.core.verb.store.StoreRequest;

/**
 * The verbs every face drives: recipes, the console and one-shot commands fill a request and call these, and
 * nothing else, so a recipe can be tested against a recording fake. Each request owns its defaults and checks its
 * own arguments, so every face gets the same ones. Paths are Windows paths ({@code C:\X}) or native ones; the
 * client maps them. Mutating verbs honour what-if and return the step they recorded.
 */
public interface Verbs {

    /**
     * The same verbs against another client ({@code --target} semantics: a folder, an ntfs-3g mount point, or
     * {@code live}); steps go to the same outcome.
     */
    Verbs onTarget(String target, String registry);

    /**
     * As {@link #onTarget(String, String)}, logging on to a machine on the network as {@code logon} says (its choices
     * over the run's: a recipe's {@code client(target, credentials: FILE) { ... }}).
     */
    default Verbs onTarget(String target, String registry, prestage.core.client.Logon logon) {
        return onTarget(target, registry);
    }

    /** Creates (or inspects, under what-if) {@code ROOT\MED-V Images\PrestagedImages}. */
    Store store(StoreRequest request);

    // ---- acl (issue 3)

    /** Sets the ACL (SDDL, icacls, cacls listing, @file or a profile name) on the path. */
    @StopsOnFailure
    Step aclApply(AclApplyRequest request);

    /** The descriptor on the path in the request's format: sddl, icacls, cacls or json. */
    String aclShow(AclShowRequest request);

    /** Compares the path with the ACL: ok when in the desired state, drift otherwise. */
    Step aclDiff(AclDiffRequest request);

    // ---- push and verify (issue 4)

    @StopsOnFailure
    Step push(PushRequest request);

    @StopsOnFailure
    Step verify(VerifyRequest request);

    // ---- registry (issue 5)

    /** The value (or, with a null name, every value of the key), formatted as {@code reg query} would. */
    String registryGet(RegistryGetRequest request);

    /** The value as stored (type and bytes), read where the view reads it; empty when it is not set. No step. */
    Optional<RegValue> registryValue(RegistryGetRequest request);

    @StopsOnFailure
    Step registrySet(RegistrySetRequest request);

    @StopsOnFailure
    Step registryDelete(RegistryDeleteRequest request);

    @StopsOnFailure
    Step registryExport(RegistryExportRequest request);

    // ---- msi

    /**
     * The client install command; with {@link MsiRequest#run()} the client also runs it (live Windows only: other
     * clients refuse it as bad input), and the step is changed, or failed with msiexec's status.
     */
    MsiCommand msi(MsiRequest request);

    // ---- status (issue 6)

    /** One look at the client under the root, showing the install command for the request's package. */
    Step status(StatusRequest request);
}
