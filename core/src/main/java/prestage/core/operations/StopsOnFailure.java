package prestage.core.operations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a verb whose failed step must stop a recipe's run on that client: what comes after it builds on what it did
 * (a registry value pointing at images that are not there, an install that would look for them). Looks (status,
 * acl diff, registry get) carry no mark: a drift or a failed check is what they are asked for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StopsOnFailure {
}
