package prestage.shell.cli;

import prestage.shell.run.GlobalOptions;
import prestage.shell.run.Session;

import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that drives the verbs: opens a session on the target, runs, reports, returns the exit status. */
abstract class VerbCommand implements Callable<Integer> {
    @Mixin(name = "global")
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    /** Runs work that records steps; prints them as they come and the summary at the end. */
    final int steps(Function<Session, ?> work) {
        try (var session = Session.open(spec, false)) {
            try {
                work.apply(session);
            } catch (RuntimeException e) {
                return session.stopped(e);
            }
            return session.finish(null);
        }
    }

    /** Runs a read (acl show, registry get, msi): its value is what goes to stdout. */
    final int value(Function<Session, Object> work) {
        try (var session = Session.open(spec, true)) {
            Object value;
            try {
                value = work.apply(session);
            } catch (RuntimeException e) {
                return session.stopped(e);
            }
            return session.finish(value);
        }
    }

}
