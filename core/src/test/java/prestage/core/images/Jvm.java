package prestage.core.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link PushMain} in another JVM on this test's class path. */
final class Jvm {
    private Jvm() {
    }

    static ProcessBuilder push(List<String> prefix, CopyTuning tuning, int jobs, Path to, List<Path> sources) {
        var cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PushMain.class.getName());
        cmd.add(Long.toString(tuning.chunkSize()));
        cmd.add(Integer.toString(tuning.bufferSize()));
        cmd.add(Long.toString(tuning.blockDelayMillis()));
        cmd.add(Integer.toString(jobs));
        cmd.add(to.toString());
        sources.forEach(s -> cmd.add(s.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }
}
