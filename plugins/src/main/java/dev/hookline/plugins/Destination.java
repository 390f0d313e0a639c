package dev.hookline.plugins;

import java.util.Map;

/** Where a flow sends its post-call webhook: the URL and the connector's settings from the flow. Immutable. */
public record Destination(String url, Map<String, String> settings) {
    public Destination {
        settings = Map.copyOf(settings);
    }

    public String setting(String key) {
        return settings.get(key);
    }
}
