package dev.hookline.store.postgres;

import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.store.CallStore;
import dev.hookline.store.Codec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * Calls in PostgreSQL. A call reported to two hubs at once is stored once: the second insert waits
 * for the first's commit on the key and finds the call there; a call seen live is completed under
 * its row lock, so a trace written meanwhile by another hub is not lost.
 */
final class PgCalls implements CallStore {
    static final String COLUMNS = "call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed, "
            + "in_call_trace, created_at, reported_at";
    private static final String INSERT_IF_ABSENT = "INSERT INTO calls(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            + "ON CONFLICT (business_id, call_id) DO NOTHING";
    private static final String FIND = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_id = ?";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_id = ANY(?)";
    private static final String COMPLETE_LIVE = "UPDATE calls SET call_flow_id = ?, tracking_number = ?, caller_number = ?, status = ?, "
            + "fields = ?, ai_processed = ?, created_at = ?, reported_at = ? WHERE business_id = ? AND call_id = ?";
    private static final String LATEST_REPORTED = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_flow_id = ? "
            + "AND reported_at IS NOT NULL ORDER BY created_at DESC LIMIT 1";
    private static final String SET_ANALYSIS = "UPDATE calls SET fields = ?, ai_processed = (ai_processed OR ?::boolean) WHERE business_id = ? AND call_id = ?";
    private static final String SET_FIELDS = "UPDATE calls SET fields = ? WHERE business_id = ? AND call_id = ?";
    private static final String RELEASE_WAITING = "UPDATE deliveries SET next_attempt_at = ?, version = version + 1 WHERE business_id = ? "
            + "AND call_id = ? AND status = 'pending' AND wait_for_ai AND attempts = 0 AND claimed_by IS NULL";

    private final PgDatabase db;
    private final Codec codec;
    private final PgDeliveries deliveries;

    PgCalls(PgDatabase db, Codec codec, PgDeliveries deliveries) {
        this.db = db;
        this.codec = codec;
        this.deliveries = deliveries;
    }

    @Override
    public Ingested ingest(Call call, Delivery delivery, UnaryOperator<Call> fromLive) {
        String fields = codec.write(call.details());
        return db.write(h -> {
            if (PgJdbc.update(h, INSERT_IF_ABSENT, call.callId(), call.businessId(), call.callFlowId(), call.trackingNumber(),
                    call.callerNumber(), call.status(), fields, call.aiProcessed(), call.inCallTrace(), call.createdAt(), call.reportedAt()) == 1) {
                if (delivery != null) deliveries.insert(h, delivery);
                return new Ingested(true, call);
            }
            Call existing = PgJdbc.first(h, LOCK, this::row, call.businessId(), call.callId()).orElseThrow();
            if (existing.reportedAt() != null) return new Ingested(false, existing);
            Call merged = fromLive.apply(existing);
            PgJdbc.update(h, COMPLETE_LIVE, merged.callFlowId(), merged.trackingNumber(), merged.callerNumber(), merged.status(),
                    codec.write(merged.details()), merged.aiProcessed(), merged.createdAt(), merged.reportedAt(), merged.businessId(),
                    merged.callId());
            if (delivery != null) deliveries.insert(h, delivery);
            return new Ingested(true, merged);
        });
    }

    @Override
    public Optional<Call> find(String businessId, String callId) {
        return db.read(h -> PgJdbc.first(h, FIND, this::row, businessId, callId));
    }

    @Override
    public Map<String, Call> findAll(String businessId, Collection<String> callIds) {
        String[] ids = callIds.toArray(new String[0]);
        List<Call> rows = db.read(h -> PgJdbc.query(h, FIND_ALL, this::row, businessId, ids));
        Map<String, Call> out = new HashMap<>(rows.size() * 2);
        for (Call c : rows) out.put(c.callId(), c);
        return out;
    }

    @Override
    public Optional<Call> latestReported(String businessId, String flowId) {
        return db.read(h -> PgJdbc.first(h, LATEST_REPORTED, this::row, businessId, flowId));
    }

    @Override
    public Optional<Call> addDetails(String businessId, String callId, Map<String, Object> details) {
        return db.write(h -> lock(h, businessId, callId).map(call -> {
            Map<String, Object> fields = new LinkedHashMap<>(call.details());
            fields.putAll(details);
            PgJdbc.update(h, SET_FIELDS, codec.write(fields), businessId, callId);
            return new Call(call.callId(), call.businessId(), call.callFlowId(), call.trackingNumber(), call.callerNumber(), call.status(),
                    fields, call.aiProcessed(), call.inCallTrace(), call.createdAt(), call.reportedAt());
        }));
    }

    @Override
    public Optional<Analysed> addAnalysis(String businessId, String callId, Map<String, Object> results, boolean release, long now) {
        return db.write(h -> lock(h, businessId, callId).map(call -> {
            Map<String, Object> fields = new LinkedHashMap<>(call.details());
            fields.putAll(results);
            PgJdbc.update(h, SET_ANALYSIS, codec.write(fields), release, businessId, callId);
            boolean released = release && PgJdbc.update(h, RELEASE_WAITING, now, businessId, callId) > 0;
            if (released) db.dueAt(now);
            return new Analysed(PgJdbc.first(h, FIND, this::row, businessId, callId).orElseThrow(), released);
        }));
    }

    private Optional<Call> lock(Handle h, String businessId, String callId) {
        return PgJdbc.first(h, LOCK, this::row, businessId, callId);
    }

    /** A row of {@link #COLUMNS}. */
    Call row(ResultSet rs) throws SQLException {
        return new Call(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                codec.fields(rs.getString(7)), rs.getBoolean(8), rs.getString(9), rs.getLong(10), PgJdbc.nullableLong(rs, 11));
    }
}
