package prestage.core.images;

import java.util.List;

/**
 * @param includes globs matched case-insensitively against file names; empty means the profile's ({@code *.ckm}, {@code *.index})
 * @param jobs     files copied at once; 0 picks a default for the machine
 * @param force    replace files that are marked read-only
 */
public record PushOptions(List<String> includes, int jobs, boolean force) {
    public static final PushOptions DEFAULTS = new PushOptions(List.of(), 0, false);

    public PushOptions {
        includes = List.copyOf(includes);
    }
}
