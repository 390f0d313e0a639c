package dev.hookline.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hookline.store.TraceStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * In-call traces in PostgreSQL, kept on the call's row as text. Replacing one entry reads the
 * trace under its row lock and writes it back (the text keeps its key order, as the API shows it).
 */
final class PgTraces implements TraceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAVE = """
            INSERT INTO calls(call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed,
                              in_call_trace, created_at, reported_at)
            VALUES (?, ?, ?, ?, ?, NULL, '{}', FALSE, ?, ?, NULL)
            ON CONFLICT (business_id, call_id) DO UPDATE SET
                in_call_trace = excluded.in_call_trace,
                call_flow_id = coalesce(calls.call_flow_id, excluded.call_flow_id)""";
    private static final String LOCK_TRACE = "SELECT in_call_trace FROM calls WHERE business_id = ? AND call_id = ? FOR UPDATE";
    private static final String SET_TRACE = "UPDATE calls SET in_call_trace = ? WHERE business_id = ? AND call_id = ?";

    private final PgDatabase db;

    PgTraces(PgDatabase db) {
        this.db = db;
    }

    @Override
    public CompletableFuture<Void> save(LiveTrace t, BooleanSupplier wanted) {
        return db.submit(h -> {
            if (wanted.getAsBoolean()) {
                PgJdbc.RUN.update(h, SAVE, t.callSid(), t.businessId(), t.flowId(), t.to(), t.from(), t.traceJson(), t.createdAt());
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> setEntry(String businessId, String callSid, int position, String entryJson, BooleanSupplier wanted) {
        return db.submit(h -> {
            if (!wanted.getAsBoolean()) return null;
            Optional<String> trace = PgJdbc.RUN.first(h, LOCK_TRACE, rs -> rs.getString(1), businessId, callSid);
            if (trace.isEmpty() || trace.get() == null) return null;
            try {
                JsonNode entries = JSON.readTree(trace.get());
                if (!(entries instanceof ArrayNode array) || array.size() <= position) return null;
                array.set(position, JSON.readTree(entryJson));
                PgJdbc.RUN.update(h, SET_TRACE, JSON.writeValueAsString(array), businessId, callSid);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored in-call trace is not JSON", e);
            }
            return null;
        });
    }
}
