package dev.hookline.delivery;

import dev.hookline.calls.Call;
import dev.hookline.calls.CallDao;
import dev.hookline.calls.CallService;
import dev.hookline.flows.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The deliveries API: the log with filters and cursor paging, one delivery with its attempts, redeliver, and the Test button. */
public final class DeliveryService {
    public static final int MAX_PAGE = 100;

    private final Database db;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final FlowService flows;
    private final CallService calls;
    private final Duration attemptTimeout;
    private final Clock clock;

    public DeliveryService(Database db, Outbox outbox, Dispatcher dispatcher, FlowService flows, CallService calls, Duration attemptTimeout,
                           Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.flows = flows;
        this.calls = calls;
        this.attemptTimeout = attemptTimeout;
        this.clock = clock;
    }

    /** A page of the log, newest first, and the cursor of the next page (null on the last). */
    public Map<String, Object> page(String businessId, String flowId, String callId, String status, int limit, String cursor) {
        Long beforeCreated = null;
        String beforeId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                beforeCreated = Long.parseLong(parts[0]);
                beforeId = parts[1];
            } catch (RuntimeException e) {
                throw ApiException.invalid("cursor", "cursor is not one this API gave out");
            }
        }
        Long bc = beforeCreated;
        String bi = beforeId;
        List<Delivery> rows = db.read(h -> h.attach(DeliveryDao.class).page(businessId, flowId, callId, status, bc, bi, limit + 1));
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

    /** A cursor for {@link #page} that starts the log just before {@code epochMillis} (a time range's end). */
    public static String cursorBefore(long epochMillis) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((epochMillis + "|").getBytes(StandardCharsets.UTF_8));
    }

    public Map<String, Object> get(String businessId, String id) {
        return db.readConsistent(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            Delivery d = dao.find(businessId, id).orElseThrow(() -> notFound(id));
            return DeliveryJson.full(d, dao.attempts(id));
        });
    }

    /** A new delivery of the same call with the original's URL, connector and secret, due now. */
    public Map<String, Object> redeliver(String businessId, String id) {
        Delivery d = db.write(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            Delivery original = dao.find(businessId, id).orElseThrow(() -> notFound(id));
            if (original.test()) {
                throw ApiException.unprocessable("delivery_id", "a Test delivery cannot be redelivered; press Test again");
            }
            return outbox.redelivery(h, original);
        });
        dispatcher.wake();
        return DeliveryJson.summary(d);
    }

    /**
     * The Test button: one synchronous attempt with a sample built from the flow's most recent
     * call, or a synthetic call with every field filled. Works while the webhook is disabled.
     */
    public Map<String, Object> test(String businessId, String flowId) {
        CallFlow flow = flows.get(businessId, flowId);
        if (flow.postCallWebhook().url() == null) {
            throw ApiException.unprocessable("post_call_webhook.url", "the flow has no post-call webhook URL to test");
        }
        Optional<Call> latest = db.read(h -> h.attach(CallDao.class).latestOfFlow(businessId, flowId)).map(calls::fromRow);
        Call sample = latest.orElseGet(() -> SampleCall.forFlow(businessId, flowId,
                flow.trackingNumbers().isEmpty() ? null : flow.trackingNumbers().get(0), clock.millis()));
        Delivery d = db.write(h -> {
            Delivery created = outbox.testDelivery(h, sample, flow);
            if (DeliveryDao.claimFast(h, created.deliveryId(), created.version(), dispatcher.runId()) != 1) {
                throw new IllegalStateException("a new Test delivery could not be claimed");
            }
            return created;
        });
        Map<String, Object> payload = dispatcher.sampleEvent(d, sample).fields();
        AttemptOutcome o;
        try {
            o = dispatcher.attempt(d, 1, sample, true).get(attemptTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while testing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Test attempt did not finish", e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("delivery_id", d.deliveryId());
        out.put("status_code", o.statusCode());
        out.put("duration_ms", o.durationMs());
        out.put("error", o.error());
        out.put("response_body", o.responseBody());
        out.put("payload", payload);
        return out;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("delivery " + id + " not found");
    }
}
