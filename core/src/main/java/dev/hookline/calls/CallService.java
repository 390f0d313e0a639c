package dev.hookline.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.DeliveryDao;
import dev.hookline.delivery.Handoff;
import dev.hookline.delivery.Outbox;
import dev.hookline.flows.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.store.Database;
import dev.hookline.store.Uuid7;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes calls from the telephony side: stores each ended call with its pending delivery in one
 * transaction, idempotently on {@code call_id}; records AI analysis and releases Wait-for-AI
 * deliveries. Thread-safe.
 */
public final class CallService {

    /** What {@code POST /calls} answers: whether it was new, and the delivery it queued (or null). */
    public record Ingested(boolean created, Call call, Delivery delivery) {
        public String deliveryId() {
            return delivery == null ? null : delivery.deliveryId();
        }
    }

    private final Database db;
    private final FlowService flows;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final ObjectReader fieldsReader;
    private final Clock clock;
    private final Handoff handoff;

    public CallService(Database db, FlowService flows, Outbox outbox, ObjectMapper mapper, Clock clock, Handoff handoff) {
        this.db = db;
        this.flows = flows;
        this.outbox = outbox;
        this.mapper = mapper;
        this.fieldsReader = mapper.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});
        this.clock = clock;
        this.handoff = handoff;
    }

    /**
     * Stores an ended call and its delivery in one transaction. Everything that can be done
     * before the transaction is (flow look-up from cache, JSON), so the single writer only runs
     * two inserts for a new call. A delivery due at once is written claimed when its host has a
     * free slot and started from memory after the commit.
     */
    public Ingested ingest(String businessId, CallReport r) {
        CallFlow flow = resolveFlow(businessId, r);
        long now = clock.millis();
        String callId = r.callId() == null ? Uuid7.next(now) : r.callId();
        Call call = new Call(callId, businessId, flow.id(), r.trackingNumber(), r.callerNumber(), r.status(), r.details(),
                r.aiProcessed(), null, r.createdAt() != null ? r.createdAt() : now, now);
        CallDao.CallRow newRow = row(call);
        String host = Outbox.firesAtOnce(flow, r.aiProcessed()) ? Outbox.hostOf(flow.postCallWebhook().url()) : null;
        String claim = host == null ? null : handoff.reserve(host);
        Delivery planned = outbox.plan(call, flow, claim);
        Ingested result;
        try {
            result = db.write(h -> {
                if (CallDao.insertIfAbsentFast(h, newRow) == 1) {
                    outbox.insert(h, planned);
                    return new Ingested(true, call, planned);
                }
                CallDao calls = h.attach(CallDao.class);
                CallDao.CallRow existing = calls.find(businessId, callId).orElseThrow();
                if (existing.reportedAt() != null) {
                    return new Ingested(false, fromRow(existing), null);
                }
                // first seen live (voice/inbound): complete that record, keeping its trace and the
                // details learned while it was live (a dialled number), the report's own winning
                Map<String, Object> details = new LinkedHashMap<>(readFields(existing.fields()));
                details.putAll(r.details());
                Call merged = new Call(callId, businessId, flow.id(), r.trackingNumber(), r.callerNumber(), r.status(), details,
                        r.aiProcessed(), existing.inCallTrace(), r.createdAt() != null ? r.createdAt() : existing.createdAt(), now);
                calls.report(row(merged));
                outbox.insert(h, planned);
                return new Ingested(true, merged, planned);
            });
        } catch (RuntimeException e) {
            if (claim != null) handoff.unreserve(host);
            throw e;
        }
        Delivery d = result.delivery();
        if (claim != null) {
            if (d != null && claim.equals(d.claimedBy())) handoff.start(d, result.call());
            else handoff.unreserve(host);
        } else if (d != null) {
            if (host != null) handoff.queued(host);
            else handoff.wake();
        }
        return result;
    }

    private CallFlow resolveFlow(String businessId, CallReport r) {
        Optional<CallFlow> flow = flows.forCall(businessId, r.callFlowId(), r.trackingNumber());
        if (flow.isPresent()) return flow.get();
        if (r.callFlowId() != null) {
            throw new ApiException(404, "not_found", "call flow " + r.callFlowId() + " not found", "call_flow_id");
        }
        throw new ApiException(404, "not_found", "no call flow has tracking number " + r.trackingNumber(), "tracking_number");
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
        if (released[0]) handoff.wake();
        return call;
    }

    /**
     * Adds details learned apart from the call report (a recording finished after the call
     * ended, the number a live call was forwarded to) to a stored call, reported or not, and
     * queues no delivery. A delivery sent later carries them: the dispatcher reads the call from
     * the store when it sends (a Wait-for-AI delivery, a retry). Empty when the call is unknown.
     */
    public Optional<Call> addDetails(String businessId, String callId, Map<String, Object> details) {
        return db.write(h -> {
            CallDao calls = h.attach(CallDao.class);
            Optional<CallDao.CallRow> row = calls.find(businessId, callId);
            if (row.isEmpty()) return Optional.<Call>empty();
            Call c = fromRow(row.get());
            Map<String, Object> fields = new LinkedHashMap<>(c.details());
            fields.putAll(details);
            Call updated = new Call(c.callId(), c.businessId(), c.callFlowId(), c.trackingNumber(), c.callerNumber(), c.status(), fields,
                    c.aiProcessed(), c.inCallTrace(), c.createdAt(), c.reportedAt());
            calls.report(row(updated)); // every other column written back as read, in the same transaction
            return Optional.of(updated);
        });
    }

    public Call get(String businessId, String callId) {
        return find(businessId, callId).orElseThrow(() -> ApiException.notFound("call " + callId + " not found"));
    }

    public Optional<Call> find(String businessId, String callId) {
        return db.read(h -> h.attach(CallDao.class).find(businessId, callId).map(this::fromRow));
    }

    /** The calls among {@code callIds} of one business that exist, by id: one read however many. */
    public Map<String, Call> findAll(String businessId, Collection<String> callIds) {
        String ids = dev.hookline.plugins.Json.write(List.copyOf(callIds));
        List<CallDao.CallRow> rows = db.read(h -> CallDao.findAllFast(h, businessId, ids));
        Map<String, Call> out = new HashMap<>(rows.size() * 2);
        for (CallDao.CallRow r : rows) out.put(r.callId(), fromRow(r));
        return out;
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
            return fieldsReader.readValue(text);
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
