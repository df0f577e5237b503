package prestage.dsl;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import prestage.core.profile.Profile;

/**
 * A verb argument as the recipe's syntax tree shows it, kept in a form that can be evaluated before the recipe
 * runs: a literal, a parameter, a {@code medv.} property, a list or a string built from those. Anything computed at
 * run time is {@link Unknown}; the preflight skips it and the verb checks it when it runs.
 */
sealed interface Arg extends Serializable {

    /** The value with these parameters, or empty when it is only known at run time. */
    Optional<Object> value(Map<String, String> params);

    record Literal(Object value) implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            return Optional.ofNullable(value);
        }
    }

    /** {@code params.x} (no fallback) or {@code params.get('x', fallback)}. */
    record Param(String name, Arg fallback) implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            String given = params.get(name);
            if (given != null) return Optional.of(given);
            return fallback == null ? Optional.empty() : fallback.value(params);
        }
    }

    /** {@code medv.acl} and the profile's other properties. */
    record Medv(String property) implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            Profile p = Profile.MEDV;
            return Optional.ofNullable(switch (property) {
                case "acl" -> p.acl();
                case "includes" -> p.includes();
                case "storeFolder" -> p.storeFolder();
                case "prestagedFolder" -> p.prestagedFolder();
                case "name" -> p.name();
                case "registryKey" -> p.registryKey();
                case "registryValue" -> p.registryValue();
                case "registryView" -> p.registryView();
                default -> null;
            });
        }
    }

    record ListOf(List<Arg> items) implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            var out = new ArrayList<Object>();
            for (Arg a : items) {
                var v = a.value(params);
                if (v.isEmpty()) return Optional.empty();
                out.add(v.get());
            }
            return Optional.of(out);
        }
    }

    /** A GString or {@code +} of strings. */
    record Concat(List<Arg> parts) implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            var sb = new StringBuilder();
            for (Arg a : parts) {
                var v = a.value(params);
                if (v.isEmpty()) return Optional.empty();
                sb.append(v.get());
            }
            return Optional.of(sb.toString());
        }
    }

    /** A script variable, resolved to its one initializer once the whole file has been read. */
    record Variable(String name) implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            return Optional.empty();
        }
    }

    record Unknown() implements Arg {
        @Override
        public Optional<Object> value(Map<String, String> params) {
            return Optional.empty();
        }
    }
}
