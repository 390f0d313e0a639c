package dev.hookline.model;

import java.util.Map;

/** A flow's post-call webhook settings. {@code url} may be null only while disabled. */
public record PostCallWebhook(boolean enabled, String url, FiringMode firingMode, String connector, Map<String, String> settings) {
    public PostCallWebhook {
        settings = Map.copyOf(settings);
    }

    public static PostCallWebhook disabled() {
        return new PostCallWebhook(false, null, FiringMode.IMMEDIATE, "webhook", Map.of());
    }
}
