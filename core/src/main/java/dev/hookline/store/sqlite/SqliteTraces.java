package dev.hookline.store.sqlite;

import dev.hookline.store.TraceStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** In-call traces in SQLite, kept on the call's row; writes go through the store's one writer. */
final class SqliteTraces implements TraceStore {
    private static final String SAVE = """
            INSERT INTO calls(call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed,
                              in_call_trace, created_at, reported_at)
            VALUES (?, ?, ?, ?, ?, NULL, '{}', 0, ?, ?, NULL)
            ON CONFLICT(business_id, call_id) DO UPDATE SET
                in_call_trace = excluded.in_call_trace,
                call_flow_id = coalesce(calls.call_flow_id, excluded.call_flow_id)""";
    private static final String SET_ENTRY = "UPDATE calls SET in_call_trace = json_set(in_call_trace, '$[' || ? || ']', json(?)) "
            + "WHERE business_id = ? AND call_id = ? AND json_array_length(in_call_trace) > ?";

    private final Database db;

    SqliteTraces(Database db) {
        this.db = db;
    }

    @Override
    public CompletableFuture<Void> save(LiveTrace t, BooleanSupplier wanted) {
        return db.submit(h -> {
            if (wanted.getAsBoolean()) {
                Jdbc.RUN.update(h, SAVE, t.callSid(), t.businessId(), t.flowId(), t.to(), t.from(), t.traceJson(), t.createdAt());
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> setEntry(String businessId, String callSid, int position, String entryJson, BooleanSupplier wanted) {
        return db.submit(h -> {
            if (wanted.getAsBoolean()) Jdbc.RUN.update(h, SET_ENTRY, position, entryJson, businessId, callSid, position);
            return null;
        });
    }
}
