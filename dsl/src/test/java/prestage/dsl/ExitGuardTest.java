package prestage.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import groovy.lang.GroovySystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.verb.store.StoreRequest;
import prestage.core.operations.Verbs;

/**
 * Recipes run in parallel in one JVM (a fleet run): every run's dynamic exit is refused for as long as it runs, even
 * when other runs started and ended around it, and once the last run ended the metaclasses are the originals again.
 * <p>
 * A broken guard would let {@code System.exit} end the test JVM: while these tests run, a security manager turns an
 * exit that got through into a SecurityException, which the assertions then report as a failure.
 */
@SuppressWarnings("removal")
class ExitGuardTest {
    private static final String EXIT = "System.\"${'ex' + 'it'}\"(0)";
    private static final String HALT = "def r = Runtime.runtime\nr.halt(0)";

    @TempDir
    Path dir;

    private SecurityManager before;
    private RecipeRunner runner;

    @BeforeEach
    void refuseRealExits() {
        before = System.getSecurityManager();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkExit(int status) {
                throw new SecurityException("the exit guard let System.exit(" + status + ") through");
            }

            @Override
            public void checkPermission(Permission perm) {
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
            }
        });
        runner = new RecipeRunner(new RecipeCompiler(dir.resolve("cache")));
    }

    @AfterEach
    void restore() {
        System.setSecurityManager(before);
    }

    /**
     * Verbs whose {@code store ROOT} counts {@code arrived} down, then waits for {@code gate}: how a test holds a
     * recipe at a line, knowing it got there (inside its run, its guard installed).
     */
    private static Verbs gated(String root, CountDownLatch arrived, CountDownLatch gate) {
        var recording = new RecordingVerbs();
        return (Verbs) Proxy.newProxyInstance(Verbs.class.getClassLoader(), new Class<?>[] {Verbs.class}, (proxy, method, args) -> {
            if (method.getName().equals("store") && args[0] instanceof StoreRequest request && root.equals(request.root())) {
                arrived.countDown();
                assertTrue(gate.await(30, TimeUnit.SECONDS), "gate " + root + " never opened");
            }
            try {
                return method.invoke(recording, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private Object run(String name, String text, Verbs verbs) throws Exception {
        Path recipe = dir.resolve(name);
        Files.writeString(recipe, text);
        return runner.run(recipe, verbs, Map.of(), new PrintWriter(new StringWriter()), false);
    }

    private static void assertRefused(Throwable thrown) {
        assertInstanceOf(RecipeException.class, thrown, String.valueOf(thrown));
        assertTrue(thrown.getMessage().contains("would end prestage before it reports"), thrown.getMessage());
    }

    @Test
    void aRunThatEndsFirstLeavesTheOthersGuarded() throws Exception {
        var firstEnded = new CountDownLatch(1);
        var secondHolds = new CountDownLatch(1);
        var firstHolds = new CountDownLatch(1);
        var go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the second run starts, holds at its store until the first has ended, then tries both exits
            Future<Throwable> second = pool.submit(() -> {
                try {
                    run("second.groovy", "store 'hold'\n" + EXIT + "\n", gated("hold", secondHolds, firstEnded));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Future<Object> first = pool.submit(() -> run("first.groovy", "store 'wait'\n'first done'\n", gated("wait", firstHolds, go)));
            // both runs are inside their run, guards installed; the first one ends while the second holds
            assertTrue(secondHolds.await(30, TimeUnit.SECONDS) && firstHolds.await(30, TimeUnit.SECONDS));
            go.countDown();
            assertEquals("first done", first.get(30, TimeUnit.SECONDS));
            firstEnded.countDown();
            assertRefused(second.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertFalse(ExitGuard.active(), "the last run to end takes the guard away");
        assertOriginalMetaClasses();
    }

    @Test
    void manyParallelRunsAreEachRefusedAndTheLastPutsTheOriginalsBack() throws Exception {
        var original = GroovySystem.getMetaClassRegistry().getMetaClass(System.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var outcomes = new ArrayList<Future<Throwable>>();
            for (int i = 0; i < 48; i++) {
                int n = i;
                // runs of different lengths, so that they start and end around each other's exits
                String text = "for (int i = 0; i < " + (n % 7) * 2000 + "; i++) { Math.sqrt(i) }\n" + (n % 2 == 0 ? EXIT : HALT) + "\n";
                outcomes.add(pool.submit(() -> {
                    try {
                        run("r" + n + ".groovy", text, new RecordingVerbs());
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                }));
            }
            for (Future<Throwable> f : outcomes) assertRefused(f.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertFalse(ExitGuard.active());
        assertOriginalMetaClasses();
        assertEquals(original, GroovySystem.getMetaClassRegistry().getMetaClass(System.class));
    }

    @Test
    void closingTwiceCountsOnce() {
        var outer = ExitGuard.install();
        var inner = ExitGuard.install();
        inner.close();
        inner.close();
        assertTrue(ExitGuard.active(), "a second close of one run must not end another run's guard");
        assertInstanceOf(ExitGuard.Refusing.class, GroovySystem.getMetaClassRegistry().getMetaClass(System.class));
        outer.close();
        assertFalse(ExitGuard.active());
        assertOriginalMetaClasses();
    }

    private static void assertOriginalMetaClasses() {
        var registry = GroovySystem.getMetaClassRegistry();
        for (Class<?> c : List.of(System.class, Runtime.class)) {
            assertFalse(registry.getMetaClass(c) instanceof ExitGuard.Refusing, c + " still has the refusing metaclass");
        }
    }
}
