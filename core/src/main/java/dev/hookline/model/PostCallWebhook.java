package dev.hookline.model;

import java.util.Map;

/** A flow's post-call webhook settings. {@code url} may be null only while disabled. */
public record PostCallWebhook(boolean enabled, String url, FiringMode firingMode, String connector, Map<String, String> settings,
                              WebhookOptions options) {
    public PostCallWebhook {
        settings = Map.copyOf(settings);
        options = options == null ? WebhookOptions.NONE : options;
    }

    public static PostCallWebhook disabled() {
        return new PostCallWebhook(false, null, FiringMode.IMMEDIATE, "webhook", Map.of(), WebhookOptions.NONE);
    }

    public PostCallWebhook withOptions(WebhookOptions newOptions) {
        return new PostCallWebhook(enabled, url, firingMode, connector, settings, newOptions);
    }
}
