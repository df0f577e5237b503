package prestage.core.outcome;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Everything a run did: its steps and warnings, in order, and the exit status they add up to. */
public final class Outcome {
    public static final int EXIT_DONE = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_DRIFT = 3;

    private final boolean whatIf;
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<Consumer<Step>> stepListeners = new ArrayList<>();
    private final List<Consumer<String>> warningListeners = new ArrayList<>();

    public Outcome(boolean whatIf) {
        this.whatIf = whatIf;
    }

    public boolean whatIf() {
        return whatIf;
    }

    public void onStep(Consumer<Step> listener) {
        stepListeners.add(listener);
    }

    public void onWarning(Consumer<String> listener) {
        warningListeners.add(listener);
    }

    public Step add(Step step) {
        steps.add(step);
        stepListeners.forEach(l -> l.accept(step));
        return step;
    }

    public void warn(String warning) {
        warnings.add(warning);
        warningListeners.forEach(l -> l.accept(warning));
    }

    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public Map<Status, Integer> counts() {
        var counts = new EnumMap<Status, Integer>(Status.class);
        for (Status s : Status.values()) counts.put(s, 0);
        steps.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        return counts;
    }

    /** 1 when a step failed, 3 on drift (or on a what-if that would change something), else 0. */
    public int exitCode() {
        var c = counts();
        if (c.get(Status.FAILED) > 0) return EXIT_FAILED;
        if (c.get(Status.DRIFT) > 0) return EXIT_DRIFT;
        if (whatIf && c.get(Status.CHANGED) > 0) return EXIT_DRIFT;
        return EXIT_DONE;
    }

    /** e.g. {@code 3 ok, 2 changed, 0 failed} (or {@code would change} under what-if). */
    public String summary() {
        var c = counts();
        var parts = new ArrayList<String>();
        parts.add(c.get(Status.OK) + " ok");
        parts.add(c.get(Status.CHANGED) + (whatIf ? " would change" : " changed"));
        if (c.get(Status.DRIFT) > 0) parts.add(c.get(Status.DRIFT) + " drift");
        parts.add(c.get(Status.FAILED) + " failed");
        return String.join(", ", parts);
    }
}
