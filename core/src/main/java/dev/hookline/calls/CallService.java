package dev.hookline.calls;

import dev.hookline.delivery.Handoff;
import dev.hookline.delivery.Outbox;
import dev.hookline.delivery.Triggers;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.model.Call;
import dev.hookline.model.CallFields;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.store.CallStore;
import dev.hookline.store.Uuid7;
import dev.hookline.store.Writes;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes calls from the telephony side: stores each ended call with its pending delivery (unless its
 * flow's events and filter skip it) in one transaction, idempotently on {@code call_id}; records AI
 * analysis and releases Wait-for-AI deliveries. Thread-safe.
 */
public final class CallService {

    /** What {@code POST /calls} answers: whether it was new, and the delivery it queued (or null and why not). */
    public record Ingested(boolean created, Call call, Delivery delivery, String skipped) {
        public String deliveryId() {
            return delivery == null ? null : delivery.deliveryId();
        }
    }

    private final CallStore store;
    private final FlowService flows;
    private final Outbox outbox;
    private final Clock clock;
    private final Handoff handoff;

    public CallService(CallStore store, FlowService flows, Outbox outbox, Clock clock, Handoff handoff) {
        this.store = store;
        this.flows = flows;
        this.outbox = outbox;
        this.clock = clock;
        this.handoff = handoff;
    }

    /**
     * Stores an ended call and its delivery in one transaction; everything else (flow look-up from
     * the cache, planning) happens before it, on the caller's thread. A delivery due at once is
     * written claimed when its host has a free slot, and started from memory after the commit. The
     * future completes on the store's writer thread once committed; a flow that does not exist
     * throws at once.
     */
    public CompletableFuture<Ingested> ingest(String businessId, CallReport r) {
        CallFlow flow = resolveFlow(businessId, r);
        long now = clock.millis();
        String callId = r.callId() == null ? Uuid7.next(now) : r.callId();
        Call call = new Call(callId, businessId, flow.id(), r.trackingNumber(), r.callerNumber(), r.status(), r.details(),
                r.aiProcessed(), null, r.createdAt() != null ? r.createdAt() : now, now);
        String skipped = Triggers.skipReason(call, flow.postCallWebhook());
        String host = skipped == null && Outbox.firesAtOnce(flow, r.aiProcessed()) ? Outbox.hostOf(flow.postCallWebhook().url()) : null;
        String claim = host == null ? null : handoff.reserve(host);
        Delivery planned = skipped == null ? outbox.plan(call, flow, claim) : null;
        CompletableFuture<CallStore.Ingested> stored;
        try {
            // a call first seen live (voice/inbound) is completed, keeping its trace, the details learned while it was
            // live (a dialled number; the report's own win) and, unless given, its time
            stored = store.ingest(call, planned, live -> {
                Map<String, Object> details = new java.util.LinkedHashMap<>(live.details());
                details.putAll(r.details());
                return new Call(callId, businessId, flow.id(), r.trackingNumber(), r.callerNumber(), r.status(), details, r.aiProcessed(),
                        live.inCallTrace(), r.createdAt() != null ? r.createdAt() : live.createdAt(), now);
            });
        } catch (RuntimeException e) {
            if (claim != null) handoff.unreserve(host);
            throw e;
        }
        return stored.handle((s, failure) -> {
            if (failure != null) {
                if (claim != null) handoff.unreserve(host);
                throw Writes.unwrapped(failure);
            }
            return committed(s, planned, skipped, host, claim);
        });
    }

    /** After the commit: starts or announces the delivery, or gives back the slot it did not use. */
    private Ingested committed(CallStore.Ingested stored, Delivery planned, String skipped, String host, String claim) {
        Delivery d = stored.created() ? planned : null;
        if (claim != null) {
            if (d != null && claim.equals(d.claimedBy())) handoff.start(d, stored.call());
            else handoff.unreserve(host);
        } else if (d != null) {
            if (host != null) handoff.queued(host);
            else handoff.wake();
        }
        return new Ingested(stored.created(), stored.call(), d, d == null ? skipped : null);
    }

    private CallFlow resolveFlow(String businessId, CallReport r) {
        Optional<CallFlow> flow = flows.forCall(businessId, r.callFlowId(), r.trackingNumber());
        if (flow.isPresent()) return flow.get();
        if (r.callFlowId() != null) {
            throw new ApiException(404, "not_found", "call flow " + r.callFlowId() + " not found", "call_flow_id");
        }
        throw new ApiException(404, "not_found", "no call flow has tracking number " + r.trackingNumber(), "tracking_number");
    }

    /**
     * Records AI results; when they carry the AI part (score, category, summary or qualification,
     * not a transcription alone) sets {@code ai_processed} and makes a waiting delivery due now.
     */
    public Call analysis(String businessId, String callId, Map<String, Object> results) {
        boolean aiPart = results.keySet().stream().anyMatch(CallFields.AI_PART::contains);
        CallStore.Analysed a = store.addAnalysis(businessId, callId, results, aiPart, clock.millis())
                .orElseThrow(() -> ApiException.notFound("call " + callId + " not found"));
        if (a.released()) handoff.wake();
        return a.call();
    }

    /**
     * Adds details learned apart from the call report (a recording finished after the call
     * ended, the number a live call was forwarded to) to a stored call, reported or not, and
     * queues no delivery. A delivery sent later carries them: the dispatcher reads the call from
     * the store when it sends (a Wait-for-AI delivery, a retry). Empty when the call is unknown.
     */
    public Optional<Call> addDetails(String businessId, String callId, Map<String, Object> details) {
        return store.addDetails(businessId, callId, details);
    }

    public Call get(String businessId, String callId) {
        return store.find(businessId, callId).orElseThrow(() -> ApiException.notFound("call " + callId + " not found"));
    }
}
