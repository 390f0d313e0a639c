package dev.hookline.store.jdbc;

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
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * Calls, in the statements of a dialect: every statement scoped by business; the payload fields
 * other than identity kept as one JSON object. A call reported twice is stored once; a call seen
 * live is completed from the row {@code lock} finds (where hubs share the database, under its row lock).
 */
public abstract class JdbcCalls implements CallStore {
    /** The dialect's statements; calls are read in the columns of {@link #row}. {@code findAll} takes the ids as {@link #idList}. */
    public record Statements(String insertIfAbsent, String find, String lock, String findAll, String completeLive, String latestReported,
                             String setAnalysis, String setFields, String releaseWaiting) {}

    private final Transactions db;
    private final JdbcRunner jdbc;
    private final Codec codec;
    private final Statements sql;

    protected JdbcCalls(Transactions db, JdbcRunner jdbc, Codec codec, Statements sql) {
        this.db = db;
        this.jdbc = jdbc;
        this.codec = codec;
        this.sql = sql;
    }

    /** Inserts the call's first delivery in the same transaction. */
    protected abstract void insert(Handle h, Delivery delivery);

    /** The call ids as the {@code findAll} statement takes them. */
    protected abstract Object idList(Collection<String> callIds);

    /** Deliveries waiting for the analysis were released, due at {@code now} (where hubs share the database, the others hear of it). */
    protected void released(long now) {}

    @Override
    public CompletableFuture<Ingested> ingest(Call call, Delivery delivery, UnaryOperator<Call> fromLive) {
        byte[] fields = codec.fieldsUtf8(call.details());
        return db.writeAsync(h -> {
            if (jdbc.update(h, sql.insertIfAbsent(), call.callId(), call.businessId(), call.callFlowId(), call.trackingNumber(),
                    call.callerNumber(), call.status(), fields, call.aiProcessed(), call.inCallTrace(), call.createdAt(), call.reportedAt()) == 1) {
                if (delivery != null) insert(h, delivery);
                return new Ingested(true, call);
            }
            Call existing = lock(h, call.businessId(), call.callId()).orElseThrow();
            if (existing.reportedAt() != null) return new Ingested(false, existing);
            Call merged = fromLive.apply(existing);
            jdbc.update(h, sql.completeLive(), merged.callFlowId(), merged.trackingNumber(), merged.callerNumber(), merged.status(),
                    codec.fieldsUtf8(merged.details()), merged.aiProcessed(), merged.createdAt(), merged.reportedAt(), merged.businessId(),
                    merged.callId());
            if (delivery != null) insert(h, delivery);
            return new Ingested(true, merged);
        });
    }

    @Override
    public Optional<Call> find(String businessId, String callId) {
        return db.read(h -> jdbc.first(h, sql.find(), this::row, businessId, callId));
    }

    @Override
    public Map<String, Call> findAll(String businessId, Collection<String> callIds) {
        Object ids = idList(callIds);
        List<Call> rows = db.read(h -> jdbc.query(h, sql.findAll(), this::row, businessId, ids));
        Map<String, Call> out = new HashMap<>(rows.size() * 2);
        for (Call c : rows) out.put(c.callId(), c);
        return out;
    }

    @Override
    public Optional<Call> latestReported(String businessId, String flowId) {
        return db.read(h -> jdbc.first(h, sql.latestReported(), this::row, businessId, flowId));
    }

    @Override
    public Optional<Call> addDetails(String businessId, String callId, Map<String, Object> details) {
        return db.write(h -> lock(h, businessId, callId).map(call -> {
            Map<String, Object> fields = new LinkedHashMap<>(call.details());
            fields.putAll(details);
            jdbc.update(h, sql.setFields(), codec.fieldsUtf8(fields), businessId, callId);
            return new Call(call.callId(), call.businessId(), call.callFlowId(), call.trackingNumber(), call.callerNumber(), call.status(),
                    fields, call.aiProcessed(), call.inCallTrace(), call.createdAt(), call.reportedAt());
        }));
    }

    @Override
    public Optional<Analysed> addAnalysis(String businessId, String callId, Map<String, Object> results, boolean release, long now) {
        return db.write(h -> lock(h, businessId, callId).map(call -> {
            Map<String, Object> fields = new LinkedHashMap<>(call.details());
            fields.putAll(results);
            jdbc.update(h, sql.setAnalysis(), codec.fieldsUtf8(fields), release, businessId, callId);
            boolean released = release && jdbc.update(h, sql.releaseWaiting(), now, businessId, callId) > 0;
            if (released) released(now);
            return new Analysed(jdbc.first(h, sql.find(), this::row, businessId, callId).orElseThrow(), released);
        }));
    }

    private Optional<Call> lock(Handle h, String businessId, String callId) {
        return jdbc.first(h, sql.lock(), this::row, businessId, callId);
    }

    /**
     * A row of call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields,
     * ai_processed, in_call_trace, created_at, reported_at.
     */
    private Call row(ResultSet rs) throws SQLException {
        return new Call(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                codec.fields(rs.getString(7)), rs.getBoolean(8), rs.getString(9), rs.getLong(10), JdbcRunner.nullableLong(rs, 11));
    }
}
