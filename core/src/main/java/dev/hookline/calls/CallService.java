package dev.hookline.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.DeliveryDao;
import dev.hookline.delivery.Outbox;
import dev.hookline.flows.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.store.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes calls from the telephony side: stores each ended call with its pending delivery in one
 * transaction, idempotently on {@code call_id}; records AI analysis and releases Wait-for-AI
 * deliveries. Thread-safe.
 */
public final class CallService {

    /** What {@code POST /calls} answers: whether it was new, and the delivery it queued (or null). */
    public record Ingested(boolean created, Call call, String deliveryId) {}

    private final Database db;
    private final FlowService flows;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Runnable afterCommit;

    public CallService(Database db, FlowService flows, Outbox outbox, ObjectMapper mapper, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.flows = flows;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    public Ingested ingest(String businessId, CallReport r) {
        Ingested result = db.write(h -> {
            CallDao calls = h.attach(CallDao.class);
            String callId = r.callId() == null ? UUID.randomUUID().toString() : r.callId();
            Optional<CallDao.CallRow> existing = calls.find(businessId, callId);
            if (existing.isPresent() && existing.get().reportedAt() != null) {
                return new Ingested(false, fromRow(existing.get()), null);
            }
            CallFlow flow = resolveFlow(h, businessId, r);
            long now = clock.millis();
            long createdAt = r.createdAt() != null ? r.createdAt() : existing.map(CallDao.CallRow::createdAt).orElse(now);
            Call call = new Call(callId, businessId, flow.id(), r.trackingNumber(), r.callerNumber(), r.status(), r.details(),
                    r.aiProcessed(), existing.map(CallDao.CallRow::inCallTrace).orElse(null), createdAt, now);
            if (existing.isPresent()) {
                calls.report(row(call));
            } else {
                calls.insert(row(call));
            }
            Delivery d = outbox.planFor(h, call, flow);
            return new Ingested(true, call, d == null ? null : d.deliveryId());
        });
        if (result.deliveryId() != null) afterCommit.run();
        return result;
    }

    private CallFlow resolveFlow(org.jdbi.v3.core.Handle h, String businessId, CallReport r) {
        if (r.callFlowId() != null) {
            return flows.find(h, businessId, r.callFlowId())
                    .orElseThrow(() -> new ApiException(404, "not_found", "call flow " + r.callFlowId() + " not found", "call_flow_id"));
        }
        String flowId = flows.flowIdForNumber(h, businessId, r.trackingNumber())
                .orElseThrow(() -> new ApiException(404, "not_found",
                        "no call flow has tracking number " + r.trackingNumber(), "tracking_number"));
        return flows.find(h, businessId, flowId).orElseThrow();
    }

    /** Records AI results, sets {@code ai_processed}, and makes a waiting delivery due now. */
    public Call analysis(String businessId, String callId, Map<String, Object> results) {
        boolean[] released = {false};
        Call call = db.write(h -> {
            CallDao calls = h.attach(CallDao.class);
            CallDao.CallRow row = calls.find(businessId, callId).orElseThrow(() -> ApiException.notFound("call " + callId + " not found"));
            Map<String, Object> fields = new LinkedHashMap<>(readFields(row.fields()));
            fields.putAll(results);
            calls.setAnalysis(businessId, callId, write(fields));
            released[0] = h.attach(DeliveryDao.class).releaseWaitingForAi(businessId, callId, clock.millis()) > 0;
            return fromRow(calls.find(businessId, callId).orElseThrow());
        });
        if (released[0]) afterCommit.run();
        return call;
    }

    public Call get(String businessId, String callId) {
        return find(businessId, callId).orElseThrow(() -> ApiException.notFound("call " + callId + " not found"));
    }

    public Optional<Call> find(String businessId, String callId) {
        return db.read(h -> h.attach(CallDao.class).find(businessId, callId).map(this::fromRow));
    }

    public Call fromRow(CallDao.CallRow r) {
        return new Call(r.callId(), r.businessId(), r.callFlowId(), r.trackingNumber(), r.callerNumber(), r.status(), readFields(r.fields()),
                r.aiProcessed(), r.inCallTrace(), r.createdAt(), r.reportedAt());
    }

    private CallDao.CallRow row(Call c) {
        return new CallDao.CallRow(c.callId(), c.businessId(), c.callFlowId(), c.trackingNumber(), c.callerNumber(), c.status(),
                write(c.details()), c.aiProcessed(), c.inCallTrace(), c.createdAt(), c.reportedAt());
    }

    private Map<String, Object> readFields(String text) {
        try {
            return mapper.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored call fields are not JSON", e);
        }
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
