package dev.hookline.incall;

import dev.hookline.flows.BodyTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled body templates by their text, so a step's template is compiled once, not per call.
 * Keyed by text, a changed flow simply brings a new entry; the least recently used are dropped
 * beyond {@code capacity}. Thread-safe.
 */
final class TemplateCache {
    private final Map<String, BodyTemplate> compiled;

    public TemplateCache(int capacity) {
        this.compiled = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, BodyTemplate> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The compiled template of {@code body}; throws {@link IllegalArgumentException} if it does not compile. */
    public BodyTemplate get(String body) {
        synchronized (compiled) {
            BodyTemplate t = compiled.get(body);
            if (t != null) return t;
        }
        BodyTemplate t = BodyTemplate.compile(body); // outside the lock: compiling is the slow part
        synchronized (compiled) {
            compiled.putIfAbsent(body, t);
        }
        return t;
    }

    int size() {
        synchronized (compiled) {
            return compiled.size();
        }
    }
}
