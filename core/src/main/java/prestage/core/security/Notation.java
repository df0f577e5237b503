package prestage.core.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How one constant of the security enums ({@link AceFlag}, {@link AceType}, {@link AccessRight}) is written: its
 * number in the binary form, its SDDL spelling and its icacls spelling, each null where that notation has none.
 * The static methods are the one way those enums look a constant up by a spelling or list the ones a number holds.
 */
record Notation(int value, String sddl, String icacls) {
    /** The first of {@code constants} whose {@code spelling} equals {@code wanted}; a missing spelling matches nothing. */
    static <E> Optional<E> find(E[] constants, Function<E, Object> spelling, Object wanted) {
        if (wanted == null) return Optional.empty();
        for (E e : constants) if (wanted.equals(spelling.apply(e))) return Optional.of(e);
        return Optional.empty();
    }

    /** The {@code constants} that {@code holds} accepts, in declaration order: the flags set in a number. */
    static <E> List<E> all(E[] constants, Predicate<E> holds) {
        var out = new ArrayList<E>();
        for (E e : constants) if (holds.test(e)) out.add(e);
        return out;
    }
}
