package prestage.dsl;

import groovy.lang.DelegatingMetaClass;
import groovy.lang.GroovySystem;
import groovy.lang.MetaClass;
import prestage.core.BadInputException;

/**
 * While a recipe runs, or a console is open, {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} reached through Groovy's
 * dynamic calls (a variable holding the runtime, a method name in a string) fail instead of ending the JVM, so the
 * run still ends with its summary (and the console can ask before it closes: {@link Refused#status()}). The one guard
 * of the project: recipes and the console both hold it. The direct forms in a recipe are refused at compile time already ({@link FactsCollector});
 * Java reflection is not covered.
 * <p>
 * The metaclasses are process-wide, and a fleet runs recipes on several threads of one JVM at once: the guard is
 * reference-counted. The first run to start swaps the refusing metaclasses in, the last one to end puts the
 * originals back; a run that ends while others go on leaves them guarded. (Swapping per run would let the first run
 * to end unguard the others, and the last to end leave a refusing metaclass behind for good.)
 */
public final class ExitGuard implements AutoCloseable {
    private static final String WHY = " would end prestage before it reports what the recipe did; end a recipe with return,"
            + " or stop it with throw new Exception('why')";
    private static final Object LOCK = new Object();
    /** Runs between install and close; guarded by LOCK, as are the two saved metaclasses. */
    private static int runs;
    private static MetaClass system;
    private static MetaClass runtime;

    private boolean closed;

    private ExitGuard() {
    }

    /** Holds the guard until {@link #close()}. */
    public static ExitGuard install() {
        synchronized (LOCK) {
            if (runs++ == 0) {
                var registry = GroovySystem.getMetaClassRegistry();
                system = registry.getMetaClass(System.class);
                runtime = registry.getMetaClass(Runtime.class);
                registry.setMetaClass(System.class, new Refusing(system, "System"));
                registry.setMetaClass(Runtime.class, new Refusing(runtime, "Runtime"));
            }
            return new ExitGuard();
        }
    }

    /** Whether a guard is in place now (for tests). */
    static boolean active() {
        synchronized (LOCK) {
            return runs > 0;
        }
    }

    /** Ends this run's hold; the last run to end puts the original metaclasses back. Closing twice counts once. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) return;
            closed = true;
            if (--runs > 0) return;
            var registry = GroovySystem.getMetaClassRegistry();
            registry.setMetaClass(System.class, system);
            registry.setMetaClass(Runtime.class, runtime);
            system = null;
            runtime = null;
        }
    }

    static final class Refusing extends DelegatingMetaClass {
        private final String owner;

        Refusing(MetaClass delegate, String owner) {
            super(delegate);
            this.owner = owner;
            initialize();
        }

        private void refuse(String name, Object arguments) {
            if (!name.equals("exit") && !(owner.equals("Runtime") && name.equals("halt"))) return;
            Object first = arguments instanceof Object[] a && a.length > 0 ? a[0] : arguments;
            throw new Refused(owner + "." + name, first instanceof Number n ? n.intValue() : 0);
        }

        @Override
        public Object invokeStaticMethod(Object object, String methodName, Object[] arguments) {
            refuse(methodName, arguments);
            return super.invokeStaticMethod(object, methodName, arguments);
        }

        @Override
        public Object invokeMethod(Object object, String methodName, Object[] arguments) {
            refuse(methodName, arguments);
            return super.invokeMethod(object, methodName, arguments);
        }

        @Override
        public Object invokeMethod(Object object, String methodName, Object arguments) {
            refuse(methodName, arguments);
            return super.invokeMethod(object, methodName, arguments);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Object invokeMethod(Class sender, Object receiver, String methodName, Object[] arguments, boolean isCallToSuper, boolean fromInsideClass) {
            refuse(methodName, arguments);
            return super.invokeMethod(sender, receiver, methodName, arguments, isCallToSuper, fromInsideClass);
        }
    }

    /** An exit the guard stopped: what was called, and the status it asked for. */
    public static final class Refused extends BadInputException {
        private final String call;
        private final int status;

        Refused(String call, int status) {
            super(call + WHY);
            this.call = call;
            this.status = status;
        }

        /** {@code System.exit(3)}: the call as it was typed. */
        public String call() {
            return call + "(" + status + ")";
        }

        public int status() {
            return status;
        }
    }
}
