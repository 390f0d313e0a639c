package dev.hookline.plugins;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The post-call event: the 38 fields of Hookline's payload, in documented order, every key
 * present ({@code null} where unknown). Values are {@link String}, {@link Long}, {@link Boolean}
 * or {@code null}. Immutable.
 */
public record CallEvent(Map<String, Object> fields) {

    public CallEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public String string(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    public Long number(String key) {
        Object v = fields.get(key);
        return v instanceof Number n ? n.longValue() : null;
    }

    public Boolean bool(String key) {
        Object v = fields.get(key);
        return v instanceof Boolean b ? b : null;
    }

    /** A copy with one field changed. */
    public CallEvent with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put(key, value);
        return new CallEvent(m);
    }
}
