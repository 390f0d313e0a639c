package dev.hookline.delivery;

import dev.hookline.config.HooklineConfig;
import dev.hookline.model.Call;
import dev.hookline.model.CallFields;
import dev.hookline.model.CallFilter;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.model.Endpoint;
import dev.hookline.model.FiringMode;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.net.Urls;
import dev.hookline.store.Codec;
import dev.hookline.store.Uuid7;
import java.time.Clock;
import java.util.Locale;

/**
 * Plans deliveries: the one a reported call gets (written with the call, in its transaction: the
 * outbox pattern), a redelivery, a Test delivery. Builds them without touching the store.
 * Thread-safe.
 */
public final class Outbox {
    private final HooklineConfig config;
    private final Codec codec;
    private final Clock clock;

    public Outbox(HooklineConfig config, Codec codec, Clock clock) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
    }

    /** True when a call through this flow gets a delivery that is due at once. */
    public static boolean firesAtOnce(CallFlow flow, boolean aiProcessed) {
        PostCallWebhook w = flow.postCallWebhook();
        return w.enabled() && w.url() != null && (w.firingMode() == FiringMode.IMMEDIATE || aiProcessed);
    }

    /**
     * The delivery of a reported call, or null when its flow's post-call webhook is off. With
     * {@code claimedBy} (a slot that run reserved) a delivery due now is planned already claimed,
     * attempt 1 started, for the worker to send from memory after the commit.
     */
    public Delivery plan(Call call, CallFlow flow, String claimedBy) {
        PostCallWebhook w = flow.postCallWebhook();
        if (!w.enabled() || w.url() == null) return null;
        long now = clock.millis();
        boolean waitForAi = w.firingMode() == FiringMode.WAIT_FOR_AI;
        long due = waitForAi && !call.aiProcessed() ? now + config.aiWaitTimeout().toMillis() : now;
        Delivery d = Delivery.pending(Uuid7.next(now), call, flow, CallFields.eventFor(call.status()), endpoint(flow), config.maxAttempts(),
                waitForAi, now, due);
        CallFilter laterAi = Triggers.pendingAiConditions(call, w);
        if (laterAi != null) d = d.withAiFilter(codec.write(laterAi.view()));
        return claimedBy != null && due <= now ? d.claimed(claimedBy) : d;
    }

    /**
     * A new delivery of the same call and event, due now, sent the way {@code flow} sends today (its
     * current URL, connector, settings, headers and secret) under the original's message id.
     */
    public Delivery redelivery(Delivery original, CallFlow flow) {
        long now = clock.millis();
        return original.redelivery(Uuid7.next(now), flow.name(), endpoint(flow), config.maxAttempts(), now);
    }

    /** A Test-button delivery of {@code sample}: one attempt, claimed by {@code runId} for the caller to send. */
    public Delivery test(Call sample, CallFlow flow, String runId) {
        long now = clock.millis();
        return Delivery.pending(Uuid7.next(now), sample, flow, CallFields.eventFor(sample.status()), endpoint(flow), 1, false, now, null)
                .asTest().claimed(runId);
    }

    private Endpoint endpoint(CallFlow flow) {
        PostCallWebhook w = flow.postCallWebhook();
        return new Endpoint(w.url(), hostOf(w.url()), w.connector(), codec.settingsText(w.settings()), flow.signingSecret(),
                codec.settingsText(w.options().headers()));
    }

    public static String hostOf(String url) {
        String host = Urls.parse(url).getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
