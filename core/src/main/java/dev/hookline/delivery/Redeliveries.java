package dev.hookline.delivery;

import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.http.JsonInput;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.store.DeliveryStore;
import dev.hookline.time.Times;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sending a call's event again: one delivery ({@code redeliver}) or every failed one in a time
 * window ({@code recover}). Each redelivery goes the way its flow sends today (current URL,
 * connector, settings, headers, secret) under the original's message id; it is a pending delivery
 * like any other, so the worker paces it by the per-host limits. A deleted flow's deliveries are
 * not sent again. Thread-safe.
 */
public final class Redeliveries {
    /** The most one recovery takes; the rest wait for the next call, which skips what was recovered. */
    public static final int MAX_RECOVERED = 10_000;
    /** Redeliveries written per store write, so calls reported meanwhile are not held up behind a recovery. */
    static final int CHUNK = 500;
    private static final Set<String> RECOVER_KEYS = Set.of("call_flow_id", "since", "until");

    private final DeliveryStore store;
    private final FlowService flows;
    private final Outbox outbox;
    private final Handoff worker;

    public Redeliveries(DeliveryStore store, FlowService flows, Outbox outbox, Handoff worker) {
        this.store = store;
        this.flows = flows;
        this.outbox = outbox;
        this.worker = worker;
    }

    /** A new delivery of the same call's event, due now; 422 for a Test delivery or one whose flow is gone. */
    public Map<String, Object> redeliver(String businessId, String id) {
        Delivery original = store.find(businessId, id).orElseThrow(() -> ApiException.notFound("delivery " + id + " not found"));
        if (original.test()) {
            throw ApiException.unprocessable("delivery_id", "a Test delivery cannot be redelivered; press Test again");
        }
        CallFlow flow = flows.find(businessId, original.callFlowId()).orElseThrow(() -> ApiException.unprocessable("delivery_id",
                "call flow " + original.callFlowId() + " was deleted; its deliveries cannot be sent again"));
        if (flow.postCallWebhook().url() == null) {
            throw ApiException.unprocessable("delivery_id", "call flow " + flow.id() + " has no post-call webhook URL to send to");
        }
        Delivery d = outbox.redelivery(original, flow);
        store.insert(d);
        worker.wake();
        return DeliveryJson.summary(d);
    }

    /**
     * {@code {"call_flow_id"?, "since", "until"?}}: a redelivery of each failed delivery created in
     * the window, at most {@link #MAX_RECOVERED}, written {@link #CHUNK} at a time (each chunk's
     * originals no longer qualify, so the next read takes the next ones); flows deleted or switched
     * off are left out.
     */
    public Map<String, Object> recover(String businessId, JsonInput body) {
        body.allowOnly(RECOVER_KEYS);
        long since = time(body, "since", true);
        Long until = body.present("until") ? time(body, "until", false) : null;
        if (until != null && until <= since) throw ApiException.invalid("until", "until must be after since");
        String flowId = body.optionalString("call_flow_id");
        Map<String, CallFlow> current = new HashMap<>();
        if (flowId != null) {
            CallFlow f = flows.find(businessId, flowId)
                    .orElseThrow(() -> new ApiException(404, "not_found", "call flow " + flowId + " not found", "call_flow_id"));
            current.put(f.id(), f);
        } else {
            for (CallFlow f : flows.list(businessId)) current.put(f.id(), f);
        }
        Function<Delivery, Delivery> again = d -> {
            CallFlow f = current.get(d.callFlowId());
            return f == null || !f.postCallWebhook().enabled() || f.postCallWebhook().url() == null ? null : outbox.redelivery(d, f);
        };
        DeliveryStore.RecoveryWindow window = new DeliveryStore.RecoveryWindow(businessId, flowId, since, until);
        int total = 0;
        boolean more = true;
        while (more && total < MAX_RECOVERED) {
            int chunk = Math.min(CHUNK, MAX_RECOVERED - total);
            DeliveryStore.Recovered r = store.recover(window, chunk, again);
            total += r.redeliveries().size();
            more = r.more();
            if (!r.redeliveries().isEmpty()) worker.wake(); // the first ones go out while the rest are written
            if (r.redeliveries().size() < chunk) break; // some were left out (their flow changed meanwhile): not read again
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redelivered", total);
        out.put("more", more);
        return out;
    }

    private static long time(JsonInput body, String field, boolean required) {
        String text = body.string(field, required);
        try {
            return Times.parse(text);
        } catch (RuntimeException e) {
            throw ApiException.invalid(field, field + " must be an ISO-8601 time such as 2026-03-30T14:30:00Z");
        }
    }
}
