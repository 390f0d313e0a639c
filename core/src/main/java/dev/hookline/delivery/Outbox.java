package dev.hookline.delivery;

import dev.hookline.calls.Call;
import dev.hookline.calls.CallFields;
import dev.hookline.config.HooklineConfig;
import dev.hookline.flows.CallFlow;
import dev.hookline.flows.FiringMode;
import dev.hookline.flows.FlowJson;
import dev.hookline.flows.PostCallWebhook;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import dev.hookline.store.Uuid7;
import org.jdbi.v3.core.Handle;

/**
 * Writes deliveries into the store inside the caller's transaction, so a call and its pending
 * delivery commit together (the outbox pattern), and tells the dispatcher after commit.
 * Thread-safe.
 */
public final class Outbox {
    private final HooklineConfig config;
    private final FlowJson flowJson;
    private final Clock clock;

    public Outbox(HooklineConfig config, FlowJson flowJson, Clock clock) {
        this.config = config;
        this.flowJson = flowJson;
        this.clock = clock;
    }

    /** True when a call through this flow gets a delivery that is due at once. */
    public static boolean firesAtOnce(CallFlow flow, boolean aiProcessed) {
        PostCallWebhook w = flow.postCallWebhook();
        return w.enabled() && w.url() != null && (w.firingMode() == FiringMode.IMMEDIATE || aiProcessed);
    }

    /**
     * The delivery for a reported call, or null when its flow's post-call webhook is off. Built
     * without touching the store, so before the write. With {@code claimedBy} (a slot reserved by
     * that run) it is written already claimed, attempt 1 started, for the worker to send from
     * memory after the commit.
     */
    public Delivery plan(Call call, CallFlow flow, String claimedBy) {
        PostCallWebhook w = flow.postCallWebhook();
        if (!w.enabled() || w.url() == null) return null;
        long now = clock.millis();
        boolean waitForAi = w.firingMode() == FiringMode.WAIT_FOR_AI;
        long due = waitForAi && !call.aiProcessed() ? now + config.aiWaitTimeout().toMillis() : now;
        Delivery d = newDelivery(call, flow, waitForAi, due, false, null, config.maxAttempts());
        if (claimedBy != null && due <= now) {
            d = new Delivery(d.deliveryId(), d.businessId(), d.callId(), d.callFlowId(), d.callFlowName(), d.event(), d.url(), d.host(),
                    d.connector(), d.connectorSettings(), d.signingSecret(), d.status(), d.test(), d.redeliveryOf(), 1, d.maxAttempts(),
                    d.waitForAi(), claimedBy, d.version(), d.createdAt(), d.nextAttemptAt(), null, null);
        }
        return d;
    }

    /** Inserts a delivery built by {@link #plan}. */
    public void insert(Handle h, Delivery d) {
        if (d != null) DeliveryDao.insertFast(h, d);
    }

    /** A new delivery of the same call, due now, with the original's snapshot. */
    public Delivery redelivery(Handle h, Delivery original) {
        Delivery d = new Delivery(Uuid7.next(clock.millis()), original.businessId(), original.callId(), original.callFlowId(),
                original.callFlowName(), original.event(), original.url(), original.host(), original.connector(),
                original.connectorSettings(), original.signingSecret(), Delivery.PENDING, original.test(), original.deliveryId(), 0,
                config.maxAttempts(), false, null, 0, clock.millis(), clock.millis(), null, null);
        h.attach(DeliveryDao.class).insert(d);
        return d;
    }

    /** A Test-button delivery: one attempt only, sent synchronously by the caller. */
    public Delivery testDelivery(Handle h, Call sample, CallFlow flow) {
        Delivery d = withNoSchedule(newDelivery(sample, flow, false, clock.millis(), true, null, 1));
        h.attach(DeliveryDao.class).insert(d);
        return d;
    }

    private Delivery newDelivery(Call call, CallFlow flow, boolean waitForAi, long due, boolean test, String redeliveryOf, int maxAttempts) {
        PostCallWebhook w = flow.postCallWebhook();
        return new Delivery(Uuid7.next(clock.millis()), call.businessId(), call.callId(), flow.id(), flow.name(),
                CallFields.eventFor(call.status()), w.url(), hostOf(w.url()), w.connector(), flowJson.settingsToText(w.settings()),
                flow.signingSecret(), Delivery.PENDING, test, redeliveryOf, 0, maxAttempts, waitForAi, null, 0, clock.millis(), due,
                null, null);
    }

    /** Not due for the worker: the Test endpoint claims and sends it itself. */
    private static Delivery withNoSchedule(Delivery d) {
        return new Delivery(d.deliveryId(), d.businessId(), d.callId(), d.callFlowId(), d.callFlowName(), d.event(), d.url(), d.host(),
                d.connector(), d.connectorSettings(), d.signingSecret(), d.status(), d.test(), d.redeliveryOf(), d.attempts(),
                d.maxAttempts(), d.waitForAi(), d.claimedBy(), d.version(), d.createdAt(), null, d.completedAt(), d.lastError());
    }

    /**
     * Hosts of the URLs seen lately: a flow's URL is parsed on every call otherwise (twice), and
     * there are few distinct URLs. Emptied when it reaches {@link #HOSTS_KEPT}.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> HOSTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int HOSTS_KEPT = 10_000;

    public static String hostOf(String url) {
        String known = HOSTS.get(url);
        if (known != null) return known;
        String host = URI.create(url).getHost();
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (HOSTS.size() >= HOSTS_KEPT) HOSTS.clear();
        HOSTS.put(url, host);
        return host;
    }
}
