package prestage.core;

import prestage.core.client.Client;
import prestage.core.client.StoreLock;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;

/**
 * What every operation needs: the client, whether to change anything, where steps and progress go, and
 * (under what-if) what earlier steps would have created.
 */
public record Context(Client client, Outcome outcome, Progress progress, Plan plan, boolean waitForLocks) {

    public Context(Client client, Outcome outcome, Progress progress) {
        this(client, outcome, progress, new Plan(), true);
    }

    public Context(Client client, Outcome outcome, Progress progress, Plan plan) {
        this(client, outcome, progress, plan, true);
    }

    /** The same run against another client. */
    public Context on(Client other) {
        return new Context(other, outcome, progress, plan, waitForLocks);
    }

    /** How a verb takes a store's lock: wait for another holder (saying so), or fail at once ({@code --no-wait}). */
    public StoreLock.Policy lockPolicy() {
        return new StoreLock.Policy(waitForLocks, this::warn);
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
