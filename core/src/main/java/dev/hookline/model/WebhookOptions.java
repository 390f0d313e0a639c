package dev.hookline.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional parts of a post-call webhook: extra request headers (secret material, kept and
 * shown like the signing secret), the events that fire ({@code null}: every event) and the call
 * filter. Immutable.
 */
public record WebhookOptions(Map<String, String> headers, List<String> events, CallFilter filter) {
    public static final WebhookOptions NONE = new WebhookOptions(Map.of(), null, CallFilter.NONE);

    public WebhookOptions {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        events = events == null ? null : List.copyOf(events);
        filter = filter == null ? CallFilter.NONE : filter;
    }

    /** Whether a call with {@code event} fires. */
    public boolean fires(String event) {
        return events == null || events.contains(event);
    }

    /** The events that fire, all of them when none were chosen. */
    public List<String> effectiveEvents() {
        return events == null ? CallFields.EVENTS : events;
    }

    public WebhookOptions withHeaders(Map<String, String> newHeaders) {
        return new WebhookOptions(newHeaders, events, filter);
    }

    /** Header names only: their values are secrets and must not reach a log. */
    @Override
    public String toString() {
        return "WebhookOptions[headers=" + headers.keySet() + ", events=" + events + ", filter=" + filter + "]";
    }
}
