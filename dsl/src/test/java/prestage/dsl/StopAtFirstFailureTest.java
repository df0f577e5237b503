package prestage.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import prestage.core.operations.StopsOnFailure;
import prestage.core.operations.Verbs;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

class StopAtFirstFailureTest {
    /** Verbs whose every step fails, recording the calls that reached them. */
    private final List<String> calls = new ArrayList<>();

    private Verbs failing() {
        return (Verbs) Proxy.newProxyInstance(Verbs.class.getClassLoader(), new Class<?>[] {Verbs.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getReturnType() == Step.class) return Step.failed(method.getName(), "C:\\x", "no");
                    if (method.getReturnType() == Verbs.class) return failing();
                    return null;
                });
    }

    @Test
    void aFailedPushStopsTheRecipeWithTheStepItRecorded() {
        var e = assertThrows(StopAtFirstFailure.StepFailed.class, () -> StopAtFirstFailure.wrap(failing()).push(null));
        assertEquals("push", e.step().verb());
        assertEquals(Status.FAILED, e.step().status());
        assertEquals(List.of("push"), calls);
    }

    @Test
    void looksReportTheirFailureAndTheRecipeGoesOn() {
        Verbs verbs = StopAtFirstFailure.wrap(failing());
        assertEquals(Status.FAILED, verbs.aclDiff(null).status());
        assertEquals(Status.FAILED, verbs.status(null).status());
    }

    @Test
    void anotherClientStopsTheSameWayWithOrWithoutALogon() {
        Verbs verbs = StopAtFirstFailure.wrap(failing());
        assertThrows(StopAtFirstFailure.StepFailed.class, () -> verbs.onTarget("t", null).registrySet(null));
        assertThrows(StopAtFirstFailure.StepFailed.class,
                () -> verbs.onTarget("t", null, prestage.core.client.Logon.NONE).verify(null));
    }

    @Test
    void wrappingTwiceIsWrappingOnce() {
        Verbs once = StopAtFirstFailure.wrap(failing());
        assertSame(once, StopAtFirstFailure.wrap(once));
    }

    /** A new verb that returns a step must choose: stop a recipe when it fails, or be a look. */
    @Test
    void everyVerbThatReturnsAStepHasChosen() {
        Set<String> looks = new TreeSet<>();
        for (Method m : Verbs.class.getMethods()) {
            if (m.getReturnType() == Step.class && !m.isAnnotationPresent(StopsOnFailure.class)) looks.add(m.getName());
        }
        assertEquals(new TreeSet<>(Arrays.asList("aclDiff", "status")), looks);
    }
}
