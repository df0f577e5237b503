package prestage.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import groovy.lang.GroovyObjectSupport;
import prestage.core.BadInputException;

/**
 * A recipe's {@code -p NAME=VALUE} values. {@code params.source} fails with a clear message when
 * {@code -p source=...} was not given; {@code params.get('jobs', '2')} supplies a default.
 */
public final class Params extends GroovyObjectSupport {
    private final Map<String, String> values;

    public Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Object getProperty(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new BadInputException("parameter '" + name + "' is required: give -p " + name + "=VALUE");
        }
        return value;
    }

    @Override
    public void setProperty(String name, Object value) {
        throw new BadInputException("params are read-only; pass -p " + name + "=VALUE instead of assigning it");
    }

    public String get(String name, Object fallback) {
        String value = values.get(name);
        return value != null ? value : fallback == null ? null : fallback.toString();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
