package prestage.core.verb;

import prestage.core.Progress;
import prestage.core.client.Client;
import prestage.core.client.ClientSettings;
import prestage.core.client.StoreLock;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Step;

/**
 * What every operation needs: the client, whether to change anything, where steps and progress go, (under
 * what-if) what earlier steps would have created, and the settings any other client of the run opens with.
 */
public record Context(Client client, Outcome outcome, Progress progress, Plan plan, boolean waitForLocks, ClientSettings settings) {

    public Context(Client client, Outcome outcome, Progress progress) {
        this(client, outcome, progress, new Plan(), true, ClientSettings.DEFAULTS);
    }

    public Context(Client client, Outcome outcome, Progress progress, Plan plan) {
        this(client, outcome, progress, plan, true, ClientSettings.DEFAULTS);
    }

    /** A run whose clients were opened with {@code settings}; the same settings open the others it reaches. */
    public Context(Client client, Outcome outcome, Progress progress, ClientSettings settings) {
        this(client, outcome, progress, new Plan(), true, settings);
    }

    /** The same run against another client. */
    public Context on(Client other) {
        return new Context(other, outcome, progress, plan, waitForLocks, settings);
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
