package dev.hookline.connectors;

import dev.hookline.model.PostCallWebhook;
import dev.hookline.http.ApiException;
import dev.hookline.logging.Redact;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.Validation;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a flow's connector about its destination when the flow is saved ({@link Connector#validate}):
 * errors refuse the flow with a 400 on {@code post_call_webhook.url} (or on
 * {@code post_call_webhook.settings.<name>} for a setting's error), warnings go back in the answer. A connector that throws is logged and its check reported as a warning. Thread-safe.
 */
public final class DestinationCheck {
    private static final Logger log = LoggerFactory.getLogger(DestinationCheck.class);
    static final String FIELD = "post_call_webhook.url";
    static final String SETTINGS_FIELD = "post_call_webhook.settings.";

    private final ConnectorCatalog catalog;

    public DestinationCheck(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The warnings for a validated webhook; throws a 400 when its connector finds errors. */
    public List<String> check(PostCallWebhook webhook) {
        if (webhook.url() == null) return List.of();
        Optional<Connector> connector = catalog.find(webhook.connector());
        if (connector.isEmpty()) return List.of(); // FlowValidator has already refused it
        Validation v;
        try {
            v = connector.get().validate(new Destination(webhook.url(), webhook.settings()));
        } catch (RuntimeException | LinkageError e) {
            // host and place only: a plugin's message may quote the URL, which is a capability (Slack, Zapier)
            log.warn("connector '{}' failed to check a URL on {}: {} at {}", webhook.connector(), Redact.host(webhook.url()),
                    e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            return List.of("the " + webhook.connector() + " connector could not check this URL (" + e.getClass().getSimpleName() + ")");
        }
        if (v == null) return List.of();
        for (var e : v.settingErrors().entrySet()) {
            String field = SETTINGS_FIELD + e.getKey();
            throw ApiException.invalid(field, field + ": " + e.getValue());
        }
        if (!v.errors().isEmpty()) {
            throw ApiException.invalid(FIELD, FIELD + ": " + String.join("; ", v.errors()));
        }
        return v.warnings();
    }
}
