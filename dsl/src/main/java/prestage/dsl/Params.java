package prestage.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import groovy.lang.GroovyObjectSupport;
import prestage.core.BadInputException;

/**
 * A recipe's {@code -p NAME=VALUE} values, over the defaults its {@code param} declarations give.
 * {@code params.source}, {@code params['source']} and {@code params.get('source')} fail with a clear message when
 * there is no value (the preflight normally stops the recipe before it starts); {@code params.get('jobs', '2')}
 * supplies a default; {@code params.has('x')} asks.
 */
public final class Params extends GroovyObjectSupport {
    private final Map<String, String> values;

    public Params(Map<String, String> values) {
        this(values, Map.of());
    }

    /** @param defaults what declared parameters hold when they are not given; null for an optional one without a default */
    public Params(Map<String, String> values, Map<String, String> defaults) {
        var all = new LinkedHashMap<>(defaults);
        all.putAll(values);
        this.values = Collections.unmodifiableMap(all);
    }

    @Override
    public Object getProperty(String name) {
        return get(name);
    }

    @Override
    public void setProperty(String name, Object value) {
        throw new BadInputException("params are read-only; pass -p " + name + "=VALUE instead of assigning it");
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null && !values.containsKey(name)) {
            throw new BadInputException("parameter '" + name + "' is required: give -p " + name + "=VALUE");
        }
        return value;
    }

    public String get(String name, Object fallback) {
        String value = values.get(name);
        return value != null ? value : fallback == null ? null : fallback.toString();
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
