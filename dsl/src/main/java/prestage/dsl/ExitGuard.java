package prestage.dsl;

import groovy.lang.DelegatingMetaClass;
import groovy.lang.GroovySystem;
import groovy.lang.MetaClass;
import prestage.core.BadInputException;

/**
 * While a recipe runs, {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} reached through Groovy's
 * dynamic calls (a variable holding the runtime, a method name in a string) fail instead of ending the JVM, so the
 * run still ends with its summary. The direct forms are refused at compile time already ({@link FactsCollector});
 * Java reflection is not covered.
 */
final class ExitGuard implements AutoCloseable {
    private static final String WHY = " would end prestage before it reports what the recipe did; end a recipe with return,"
            + " or stop it with throw new Exception('why')";
    private final MetaClass system;
    private final MetaClass runtime;

    private ExitGuard() {
        var registry = GroovySystem.getMetaClassRegistry();
        system = registry.getMetaClass(System.class);
        runtime = registry.getMetaClass(Runtime.class);
        registry.setMetaClass(System.class, new Refusing(system, "System"));
        registry.setMetaClass(Runtime.class, new Refusing(runtime, "Runtime"));
    }

    static ExitGuard install() {
        return new ExitGuard();
    }

    @Override
    public void close() {
        var registry = GroovySystem.getMetaClassRegistry();
        registry.setMetaClass(System.class, system);
        registry.setMetaClass(Runtime.class, runtime);
    }

    private static final class Refusing extends DelegatingMetaClass {
        private final String owner;

        Refusing(MetaClass delegate, String owner) {
            super(delegate);
            this.owner = owner;
            initialize();
        }

        private void refuse(String name) {
            if (name.equals("exit") || owner.equals("Runtime") && name.equals("halt")) throw new BadInputException(owner + "." + name + WHY);
        }

        @Override
        public Object invokeStaticMethod(Object object, String methodName, Object[] arguments) {
            refuse(methodName);
            return super.invokeStaticMethod(object, methodName, arguments);
        }

        @Override
        public Object invokeMethod(Object object, String methodName, Object[] arguments) {
            refuse(methodName);
            return super.invokeMethod(object, methodName, arguments);
        }

        @Override
        public Object invokeMethod(Object object, String methodName, Object arguments) {
            refuse(methodName);
            return super.invokeMethod(object, methodName, arguments);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Object invokeMethod(Class sender, Object receiver, String methodName, Object[] arguments, boolean isCallToSuper, boolean fromInsideClass) {
            refuse(methodName);
            return super.invokeMethod(sender, receiver, methodName, arguments, isCallToSuper, fromInsideClass);
        }
    }
}
