package dev.hookline.zapier;

import dev.hookline.plugins.CallEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body Zapier maps best: one level of keys, every value a string, number, boolean or null.
 * Nested objects would show up in a Zap as {@code parent__child}; here they are flattened the
 * same way up front, and lists become comma-separated text, so every field is a plain Zap field.
 */
final class FlatBody {
    private FlatBody() {}

    static Map<String, Object> of(CallEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        event.fields().forEach((k, v) -> put(out, k, v));
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, inner) -> put(out, key + "__" + k, inner));
        } else if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (Object item : l) {
                if (b.length() > 0) b.append(", ");
                b.append(item);
            }
            out.put(key, b.toString());
        } else if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            out.put(key, v);
        } else {
            out.put(key, v.toString());
        }
    }
}
