package dev.hookline.delivery;

import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.model.Call;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.plugins.CallEvent;
import dev.hookline.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The deliveries API: the log with filters and cursor paging, one delivery with its attempts, and the Test button. */
public final class DeliveryService {
    public static final int MAX_PAGE = 100;

    private final Store store;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final FlowService flows;
    private final Duration attemptTimeout;
    private final Clock clock;
    private final TestGate tests;

    public DeliveryService(Store store, Outbox outbox, Dispatcher dispatcher, FlowService flows, Duration attemptTimeout, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.flows = flows;
        this.attemptTimeout = attemptTimeout;
        this.clock = clock;
        this.tests = new TestGate(TestGate.Limits.DEFAULT, attemptTimeout);
    }

    /** A page of the log, newest first, and the cursor of the next page (null on the last). */
    public Map<String, Object> page(String businessId, String flowId, String callId, DeliveryStatus status, int limit, String cursor) {
        List<Delivery> rows = store.deliveries().page(new dev.hookline.store.DeliveryStore.Filter(businessId, flowId, callId, status, null, null),
                decode(cursor), limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Delivery last = rows.get(rows.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.createdAt() + "|" + last.deliveryId()).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", rows.stream().map(DeliveryJson::summary).toList());
        out.put("next_cursor", next);
        return out;
    }

    private static dev.hookline.store.DeliveryStore.Cursor decode(String cursor) {
        if (cursor == null) return null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new dev.hookline.store.DeliveryStore.Cursor(Long.parseLong(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "cursor is not one this API gave out");
        }
    }

    /** A cursor for {@link #page} that starts the log just before {@code epochMillis} (a time range's end). */
    public static String cursorBefore(long epochMillis) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((epochMillis + "|").getBytes(StandardCharsets.UTF_8));
    }

    public Map<String, Object> get(String businessId, String id) {
        return store.deliveries().findLogged(businessId, id).map(l -> DeliveryJson.full(l.delivery(), l.attempts()))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * The Test button: one synchronous attempt with a sample built from the flow's most recent
     * call, or a synthetic call with every field filled. Works while the webhook is disabled and
     * ignores its events and filter, saying whether they would have skipped this call. Each Test
     * holds a thread for up to the attempt time-out, so a business gets a few at once ({@link TestGate}).
     */
    public Map<String, Object> test(String businessId, String flowId) {
        try (TestGate.Permit permit = tests.enter(businessId)) {
            return testNow(businessId, flowId);
        }
    }

    private Map<String, Object> testNow(String businessId, String flowId) {
        CallFlow flow = flows.get(businessId, flowId);
        if (flow.postCallWebhook().url() == null) {
            throw ApiException.unprocessable("post_call_webhook.url", "the flow has no post-call webhook URL to test");
        }
        Call sample = store.calls().latestReported(businessId, flowId).orElseGet(() -> SampleCall.forFlow(businessId, flowId,
                flow.trackingNumbers().isEmpty() ? null : flow.trackingNumbers().get(0), clock.millis()));
        Delivery d = outbox.test(sample, flow, dispatcher.runId());
        store.deliveries().insert(d);
        CallEvent payload = await(dispatcher.sampleEvent(d, sample));
        AttemptOutcome o = await(dispatcher.attempt(d, 1, sample, true));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("delivery_id", d.deliveryId());
        out.put("status_code", o.statusCode());
        out.put("duration_ms", o.durationMs());
        out.put("error", o.error());
        out.put("response_body", o.responseBody());
        out.put("payload", payload.fields());
        out.put("filters_ignored", true);
        out.put("would_skip", Triggers.mismatch(sample, flow.postCallWebhook(), true));
        return out;
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(attemptTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while testing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Test attempt did not finish", e);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("delivery " + id + " not found");
    }
}
