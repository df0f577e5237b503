package prestage.core;

import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;
import prestage.core.target.Target;

/**
 * What every operation needs: the client, whether to change anything, where steps and progress go, and
 * (under what-if) what earlier steps would have created.
 */
public record Context(Target target, Outcome outcome, Progress progress, Plan plan) {

    public Context(Target target, Outcome outcome, Progress progress) {
        this(target, outcome, progress, new Plan());
    }

    public boolean whatIf() {
        return outcome.whatIf();
    }

    public Step record(Step step) {
        return outcome.add(step);
    }

    public void warn(String warning) {
        outcome.warn(warning);
    }
}
