package dev.hookline.store.sqlite;

import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.plugins.Json;
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

/** Calls in SQLite: every statement scoped by business; the payload fields other than identity kept as one JSON object. */
final class SqliteCalls implements CallStore {
    static final String COLUMNS = "call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed, "
            + "in_call_trace, created_at, reported_at";
    private static final String INSERT_IF_ABSENT = "INSERT INTO calls(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            + "ON CONFLICT(business_id, call_id) DO NOTHING";
    private static final String FIND = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_id = ?";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? "
            + "AND call_id IN (SELECT value FROM json_each(?))";
    private static final String COMPLETE_LIVE = "UPDATE calls SET call_flow_id = ?, tracking_number = ?, caller_number = ?, status = ?, "
            + "fields = ?, ai_processed = ?, created_at = ?, reported_at = ? WHERE business_id = ? AND call_id = ?";
    private static final String LATEST_REPORTED = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_flow_id = ? "
            + "AND reported_at IS NOT NULL ORDER BY created_at DESC LIMIT 1";
    private static final String SET_ANALYSIS = "UPDATE calls SET fields = ?, ai_processed = CASE WHEN ? THEN 1 ELSE ai_processed END "
            + "WHERE business_id = ? AND call_id = ?";
    private static final String SET_FIELDS = "UPDATE calls SET fields = ? WHERE business_id = ? AND call_id = ?";
    private static final String RELEASE_WAITING = "UPDATE deliveries SET next_attempt_at = ?, version = version + 1 WHERE business_id = ? "
            + "AND call_id = ? AND status = 'pending' AND wait_for_ai = 1 AND attempts = 0 AND claimed_by IS NULL";

    private final Database db;
    private final Codec codec;

    SqliteCalls(Database db, Codec codec) {
        this.db = db;
        this.codec = codec;
    }

    @Override
    public Ingested ingest(Call call, Delivery delivery, UnaryOperator<Call> fromLive) {
        String fields = codec.write(call.details());
        return db.write(h -> {
            if (insertIfAbsent(h, call, fields)) {
                if (delivery != null) SqliteDeliveries.insert(h, delivery);
                return new Ingested(true, call);
            }
            Call existing = find(h, call.businessId(), call.callId()).orElseThrow();
            if (existing.reportedAt() != null) return new Ingested(false, existing);
            Call merged = fromLive.apply(existing);
            Jdbc.update(h, COMPLETE_LIVE, merged.callFlowId(), merged.trackingNumber(), merged.callerNumber(), merged.status(),
                    codec.write(merged.details()), merged.aiProcessed(), merged.createdAt(), merged.reportedAt(), merged.businessId(),
                    merged.callId());
            if (delivery != null) SqliteDeliveries.insert(h, delivery);
            return new Ingested(true, merged);
        });
    }

    private static boolean insertIfAbsent(Handle h, Call c, String fields) {
        return Jdbc.update(h, INSERT_IF_ABSENT, c.callId(), c.businessId(), c.callFlowId(), c.trackingNumber(), c.callerNumber(),
                c.status(), fields, c.aiProcessed(), c.inCallTrace(), c.createdAt(), c.reportedAt()) == 1;
    }

    @Override
    public Optional<Call> find(String businessId, String callId) {
        return db.read(h -> find(h, businessId, callId));
    }

    private Optional<Call> find(Handle h, String businessId, String callId) {
        return Jdbc.first(h, FIND, this::row, businessId, callId);
    }

    @Override
    public Map<String, Call> findAll(String businessId, Collection<String> callIds) {
        String ids = Json.write(List.copyOf(callIds));
        List<Call> rows = db.read(h -> Jdbc.query(h, FIND_ALL, this::row, businessId, ids));
        Map<String, Call> out = new HashMap<>(rows.size() * 2);
        for (Call c : rows) out.put(c.callId(), c);
        return out;
    }

    @Override
    public Optional<Call> latestReported(String businessId, String flowId) {
        return db.read(h -> Jdbc.first(h, LATEST_REPORTED, this::row, businessId, flowId));
    }

    @Override
    public Optional<Call> addDetails(String businessId, String callId, Map<String, Object> details) {
        return db.write(h -> find(h, businessId, callId).map(call -> {
            Map<String, Object> fields = new LinkedHashMap<>(call.details());
            fields.putAll(details);
            Jdbc.update(h, SET_FIELDS, codec.write(fields), businessId, callId);
            return new Call(call.callId(), call.businessId(), call.callFlowId(), call.trackingNumber(), call.callerNumber(), call.status(),
                    fields, call.aiProcessed(), call.inCallTrace(), call.createdAt(), call.reportedAt());
        }));
    }

    @Override
    public Optional<Analysed> addAnalysis(String businessId, String callId, Map<String, Object> results, boolean release, long now) {
        return db.write(h -> find(h, businessId, callId).map(call -> {
            Map<String, Object> fields = new LinkedHashMap<>(call.details());
            fields.putAll(results);
            Jdbc.update(h, SET_ANALYSIS, codec.write(fields), release, businessId, callId);
            boolean released = release && Jdbc.update(h, RELEASE_WAITING, now, businessId, callId) > 0;
            return new Analysed(find(h, businessId, callId).orElseThrow(), released);
        }));
    }

    /** A row of {@link #COLUMNS}. */
    Call row(ResultSet rs) throws SQLException {
        return new Call(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                codec.fields(rs.getString(7)), rs.getInt(8) != 0, rs.getString(9), rs.getLong(10), Jdbc.nullableLong(rs, 11));
    }
}
