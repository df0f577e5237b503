package prestage.shell.fleet;

import java.io.PrintWriter;

import prestage.core.Progress;
import prestage.core.outcome.Step;

/** Where a fleet run shows what its clients do while they run: a board on a terminal, prefixed lines otherwise. */
public interface FleetDisplay extends AutoCloseable {
    void started(FleetMember member);

    void step(FleetMember member, Step step);

    void warning(FleetMember member, String warning);

    /** The client's progress: copies and hashes report bytes here. */
    Progress progress(FleetMember member);

    /** What the recipe prints ({@code println}) for this client. */
    PrintWriter out(FleetMember member);

    void finished(ClientResult result);

    @Override
    void close();
}
