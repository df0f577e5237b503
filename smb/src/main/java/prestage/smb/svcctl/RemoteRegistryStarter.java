package prestage.smb.svcctl;

import prestage.core.client.ServiceChanges;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import prestage.core.BadInputException;

/**
 * Starts the Remote Registry service of a client whose {@code \PIPE\winreg} is missing (Windows 10/11 ship it disabled),
 * and puts it back exactly as it was: stopped, and disabled again if it was. As impacket's reg.py and secretsdump do.
 * <p>
 * {@link #restore} runs from the client's close, and from a JVM shutdown hook registered while the service is changed
 * (Ctrl-C, a kill), over the connection the run has or, when that one is cut, over a new one. It is idempotent.
 */
public final class RemoteRegistryStarter {
    public static final String SERVICE = "RemoteRegistry";

    /** Opens the service manager: the run's connection first, a new one when that is cut. */
    public interface Connector {
        ServiceManager open(boolean fresh) throws IOException;
    }

    /**
     * A note kept on the client while the service is changed: its start type before. A run that was killed (no hook
     * runs after SIGKILL or a power cut) leaves it, and the next run puts the service back from it.
     */
    public interface Ledger {
        void record(int startTypeBefore) throws IOException;

        Optional<Integer> read() throws IOException;

        void clear() throws IOException;
    }

    private final String host;
    private final Connector connector;
    private final ServiceChanges policy;
    private final Duration startWait;
    private final Consumer<String> note;
    private final Ledger ledger;
    private Integer changedFrom; // the start type before it was set to manual, when it was changed
    private boolean started;
    private Thread hook;

    public RemoteRegistryStarter(String host, Connector connector, ServiceChanges policy, Duration startWait, Consumer<String> note, Ledger ledger) {
        this.ledger = ledger;
        this.host = host;
        this.connector = connector;
        this.policy = policy;
        this.startWait = startWait;
        this.note = note;
    }

    /** What an admin runs to start it by hand, given its start type now. */
    public static String adminCommand(String host, int startType) {
        String start = "sc \\\\" + host + " start " + SERVICE;
        return startType == ServiceManager.SERVICE_DISABLED ? "sc \\\\" + host + " config " + SERVICE + " start= demand && " + start : start;
    }

    /**
     * Makes the service run: manual if it was disabled, started, waited for (bounded). Under {@link ServiceChanges#REFUSED}
     * and {@link ServiceChanges#WHAT_IF} it changes nothing and throws a one-line BadInputException or IOException saying
     * what a run would do.
     */
    public synchronized void start() throws IOException {
        ServiceManager scm = connector.open(false);
        byte[] svc = scm.openService(SERVICE, ServiceManager.SERVICE_MANAGE)
                .orElseThrow(() -> new IOException(host + " has no Remote Registry service, so its registry cannot be reached over the network"));
        try {
            int startType = scm.startType(svc, SERVICE);
            int state = scm.state(svc, SERVICE);
            if (state == ServiceManager.SERVICE_RUNNING) return;
            String was = startType == ServiceManager.SERVICE_DISABLED ? "disabled" : "stopped";
            if (policy == ServiceChanges.REFUSED) {
                throw new BadInputException("the Remote Registry service of " + host + " is " + was + " and --no-service-changes forbids "
                        + "starting it; an admin can run: " + adminCommand(host, startType) + " (or leave out --no-service-changes: prestage "
                        + "starts it and puts it back after)");
            }
            if (policy == ServiceChanges.WHAT_IF) {
                throw new prestage.core.registry.NotReadableWithoutChanges("would start the Remote Registry service of " + host + " (" + was + " now" + (startType == ServiceManager.SERVICE_DISABLED
                        ? ", set to manual for the run" : "") + ") to reach its registry, and put it back after; its registry cannot be read until then");
            }
            hook();
            ledger.record(startType);
            if (startType == ServiceManager.SERVICE_DISABLED) {
                scm.setStartType(svc, SERVICE, ServiceManager.SERVICE_DEMAND_START);
                changedFrom = startType;
            }
            int rc = scm.start(svc);
            if (rc != 0 && rc != ServiceManager.ERROR_SERVICE_ALREADY_RUNNING) {
                throw new IOException("cannot start the Remote Registry service of " + host + " (Windows error " + rc + "); an admin can run: "
                        + adminCommand(host, startType));
            }
            started = rc == 0;
            note.accept("started the Remote Registry service of " + host + " (" + was + " before); it is put back when the run ends");
            waitFor(scm, svc, ServiceManager.SERVICE_RUNNING);
        } finally {
            scm.closeHandle(svc);
        }
    }

    private void waitFor(ServiceManager scm, byte[] svc, int wanted) throws IOException {
        long end = System.nanoTime() + startWait.toNanos();
        while (scm.state(svc, SERVICE) != wanted) {
            if (System.nanoTime() > end) {
                throw new IOException("the Remote Registry service of " + host + " did not " + (wanted == ServiceManager.SERVICE_RUNNING ? "start" : "stop")
                        + " within " + startWait.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the Remote Registry service of " + host, e);
            }
        }
    }

    /** Whether a {@link #restore} has something to put back. */
    public synchronized boolean changed() {
        return started || changedFrom != null;
    }

    /**
     * Stops the service if this started it and sets its start type back if this changed it; over the run's connection,
     * or a new one when that fails. Returns the problem, if any, for a warning: the run's own result stands.
     */
    public synchronized Optional<String> restore() {
        if (!changed()) return Optional.empty();
        String problem = null;
        for (boolean fresh : new boolean[] {false, true}) {
            try {
                putBack(connector.open(fresh));
                problem = null;
                break;
            } catch (IOException | RuntimeException e) {
                problem = "could not put the Remote Registry service of " + host + " back (" + e.getMessage() + "); an admin can run: sc \\\\" + host
                        + " stop " + SERVICE + (changedFrom != null ? " && sc \\\\" + host + " config " + SERVICE + " start= disabled" : "");
            }
        }
        if (problem == null) {
            unhook();
            try {
                ledger.clear();
            } catch (IOException | RuntimeException e) {
                problem = "the Remote Registry service of " + host + " is back as it was, but its note could not be removed (" + e.getMessage() + ")";
            }
        }
        return Optional.ofNullable(problem);
    }

    /**
     * When an earlier run was killed while the service was changed (its note is on the client) and this run changed
     * nothing itself: stops the service and sets the start type back from the note. Best effort, as {@link #restore}.
     */
    public synchronized Optional<String> restoreLeftover() {
        if (changed() || policy != ServiceChanges.ALLOWED) return Optional.empty();
        Optional<Integer> before;
        try {
            before = ledger.read();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no readable note (a share that is not the system drive's): nothing to put back
        }
        if (before.isEmpty()) return Optional.empty();
        started = true;
        if (before.get() != ServiceManager.SERVICE_DEMAND_START) changedFrom = before.get();
        note.accept("put back the Remote Registry service of " + host + " that an interrupted run had started");
        return restore();
    }

    private void putBack(ServiceManager scm) throws IOException {
        byte[] svc = scm.openService(SERVICE, ServiceManager.SERVICE_MANAGE).orElseThrow(() -> new IOException("it is gone"));
        try {
            if (started) {
                scm.stop(svc, SERVICE);
                waitFor(scm, svc, ServiceManager.SERVICE_STOPPED);
                started = false;
            }
            if (changedFrom != null) {
                scm.setStartType(svc, SERVICE, changedFrom);
                changedFrom = null;
            }
        } finally {
            scm.closeHandle(svc);
        }
    }

    private void hook() {
        if (hook != null) return;
        hook = new Thread(() -> restore().ifPresent(System.err::println), "prestage: put back RemoteRegistry on " + host);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void unhook() {
        if (hook == null || Thread.currentThread() == hook) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already, and the hook is what runs
        }
        hook = null;
    }
}
