package dev.hookline.plugins;

import java.util.Map;

/**
 * Where a flow sends its post-call webhook: the URL and the connector's settings, the string map
 * saved as {@code post_call_webhook.settings} (for example Make's {@code api_key}). Immutable.
 */
public record Destination(String url, Map<String, String> settings) {
    public Destination {
        settings = Map.copyOf(settings);
    }

    /** A destination without settings. */
    public static Destination of(String url) {
        return new Destination(url, Map.of());
    }

    /** A setting, or null when the flow does not set it. */
    public String setting(String key) {
        return settings.get(key);
    }

    /** A setting, or {@code fallback} when the flow does not set it or sets it blank. */
    public String setting(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
