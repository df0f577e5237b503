package prestage.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import prestage.core.verbs.Verbs;
import prestage.core.images.PushOptions;
import prestage.core.msi.MsiCommand;
import prestage.core.outcome.Step;
import prestage.core.store.Store;

/** Verbs that only write down how they were called, so a recipe can be tested without a client. */
final class RecordingVerbs implements Verbs {
    final List<String> calls = new ArrayList<>();
    private final String target;

    RecordingVerbs() {
        this("default");
    }

    private RecordingVerbs(String target) {
        this.target = target;
    }

    private RecordingVerbs(RecordingVerbs parent, String target) {
        this.target = target;
        this.sharedCalls = parent.calls;
    }

    private List<String> sharedCalls;

    private Step record(String call) {
        (sharedCalls != null ? sharedCalls : calls).add("[" + target + "] " + call);
        return Step.ok(call.split(" ")[0], "", call);
    }

    @Override
    public Verbs onTarget(String t, String registry) {
        record("onTarget " + t + " " + registry);
        return new RecordingVerbs(this, t);
    }

    @Override
    public Store store(String root) {
        record("store " + root);
        String r = root.endsWith("\\") ? root + "MED-V Images" : root + "\\MED-V Images";
        return new Store(r, r + "\\PrestagedImages", Step.ok("store", r, ""));
    }

    @Override
    public Step aclApply(String path, String acl, Boolean protect) {
        return record("acl " + path + " " + acl + " protect=" + protect);
    }

    @Override
    public String aclShow(String path, String format) {
        record("aclShow " + path + " " + format);
        return "D:P";
    }

    @Override
    public Step aclDiff(String path, String acl) {
        return record("aclDiff " + path + " " + acl);
    }

    @Override
    public Step push(List<String> sources, String to, PushOptions options) {
        return record("push " + sources + " -> " + to + " include=" + options.includes() + " jobs=" + options.jobs() + " force=" + options.force());
    }

    @Override
    public Step verify(String dir, boolean readOnly) {
        return record("verify " + dir + " readOnly=" + readOnly);
    }

    @Override
    public String registryGet(String key, String name, Integer view) {
        record("registryGet " + key + " " + name + " view=" + view);
        return "value";
    }

    @Override
    public java.util.Optional<prestage.core.registry.RegValue> registryValue(String key, String name, Integer view) {
        record("registryValue " + key + " " + name + " view=" + view);
        return java.util.Optional.empty();
    }

    @Override
    public Step registrySet(String key, String name, String value, String type, Integer view) {
        return record("registrySet " + key + " " + name + "=" + value.replace('\0', '|') + " type=" + type + " view=" + view);
    }

    @Override
    public Step registryDelete(String key, String name, Integer view) {
        return record("registryDelete " + key + " " + name + " view=" + view);
    }

    @Override
    public Step registryExport(String key, String file, Integer view) {
        return record("registryExport " + key + " " + file + " view=" + view);
    }

    @Override
    public MsiCommand msi(String packagePath, Map<String, String> properties, boolean quiet, String log, boolean force, boolean run) {
        record("msi " + packagePath + " " + properties + " quiet=" + quiet + " log=" + log + " force=" + force + (run ? " run" : ""));
        return new MsiCommand(packagePath, properties, quiet, log);
    }

    @Override
    public Step status(String root, String msiPackage) {
        return record("status " + root + (msiPackage == null ? "" : " msi=" + msiPackage));
    }
}
