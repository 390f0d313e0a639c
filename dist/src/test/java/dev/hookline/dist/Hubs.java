package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Shared steps of the end-to-end tests: a hub whose connectors come from the real plugin jars
 * (bundled into this module's classes as hookline.jar carries them), with retry delays short
 * enough that retries need no waiting.
 */
final class Hubs {
    static final Duration FAST = Duration.ofMillis(50);
    static final Duration WAIT = Duration.ofSeconds(20);

    private Hubs() {}

    /** A hub on {@code dataDir} with 3 attempts, 50 ms apart. */
    static TestHub start(Path dataDir) {
        return TestHub.start(dataDir, Clock.systemUTC(), c -> c.withRetryDelays(List.of(FAST, FAST)));
    }

    /** Saves a flow for {@code tracking} posting to {@code url} with {@code connector}; returns the 201 answer. */
    static Reply flow(TestHub hub, String tracking, String connector, String url, String settingsJson) {
        Reply r = hub.post("/api/v1/call-flows", """
                {"name": "Google Ads", "tracking_numbers": ["%s"],
                 "post_call_webhook": {"enabled": true, "url": "%s", "firing_mode": "immediate", "connector": "%s", "settings": %s}}"""
                .formatted(tracking, url, connector, settingsJson));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** Reports a completed call with AI results; returns its delivery id. */
    static String call(TestHub hub, String callId, String tracking) {
        Reply r = hub.post("/api/v1/calls", """
                {"call_id": "%s", "tracking_number": "%s", "caller_number": "+13055559876", "status": "completed",
                 "duration_seconds": 145, "summary": "Wants a quote for a new AC unit", "ai_score": 85, "ai_category": "lead",
                 "qualified_ai": true, "source": "google", "utm_campaign": "hvac-tampa",
                 "recording_url": "https://recordings.example.com/a.mp3"}""".formatted(callId, tracking));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("delivery_id").asText();
    }

    /** Waits (bounded) until the delivery is no longer pending; returns it. */
    static JsonNode finished(TestHub hub, String deliveryId) {
        return hub.awaitDelivery(deliveryId, d -> !"pending".equals(d.path("status").asText()), WAIT);
    }
}
