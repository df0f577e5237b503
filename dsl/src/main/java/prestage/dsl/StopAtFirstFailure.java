package prestage.dsl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import prestage.core.operations.StopsOnFailure;
import prestage.core.operations.Verbs;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/**
 * A recipe's verbs, stopping the recipe at the first step that failed, as Ansible stops a host at its first failed
 * task: once push has failed, {@code registry.set} must not point the client at images that are not there, nor
 * {@code msi} install a client that would look for them. A verb marked {@link StopsOnFailure} that reports a failed
 * step throws {@link StepFailed}; the runner names the steps that were skipped. A proxy rather than a hand-written
 * delegate, so that a verb added to {@link Verbs} (a default method included) can never be dropped on the way.
 */
final class StopAtFirstFailure implements InvocationHandler {
    private final Verbs verbs;

    private StopAtFirstFailure(Verbs verbs) {
        this.verbs = verbs;
    }

    static Verbs wrap(Verbs verbs) {
        if (Proxy.isProxyClass(verbs.getClass()) && Proxy.getInvocationHandler(verbs) instanceof StopAtFirstFailure) {
            return verbs;
        }
        return (Verbs) Proxy.newProxyInstance(Verbs.class.getClassLoader(), new Class<?>[] {Verbs.class},
                new StopAtFirstFailure(verbs));
    }

    /** A step that stops a recipe failed: the recipe stops here (it is already recorded, with its message). */
    static final class StepFailed extends RuntimeException {
        private final transient Step step;

        StepFailed(Step step) {
            super(step.verb() + " failed: " + step.message());
            this.step = step;
        }

        Step step() {
            return step;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) return objectMethod(proxy, method, args);
        Object result;
        try {
            result = method.invoke(verbs, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Verbs other) return wrap(other); // onTarget: the other client's run stops the same way
        if (result instanceof Step step && step.status() == Status.FAILED
                && method.isAnnotationPresent(StopsOnFailure.class)) {
            throw new StepFailed(step);
        }
        return result;
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "StopAtFirstFailure(" + verbs + ")";
        };
    }
}
