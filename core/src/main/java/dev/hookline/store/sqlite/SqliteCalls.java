package dev.hookline.store.sqlite;

import dev.hookline.model.Delivery;
import dev.hookline.plugins.Json;
import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcCalls;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Calls in SQLite: one writer, so a call is completed from the row as read; many ids are passed as one JSON array. */
final class SqliteCalls extends JdbcCalls {
    /** The fields parameter: UTF-8 bytes (see {@link Codec#fieldsUtf8}), stored as text. */
    private static final String FIELDS = "CAST(? AS TEXT)";
    static final String COLUMNS = "call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed, "
            + "in_call_trace, created_at, reported_at";
    private static final String INSERT_IF_ABSENT = "INSERT INTO calls(" + COLUMNS + ") VALUES (?,?,?,?,?,?," + FIELDS + ",?,?,?,?) "
            + "ON CONFLICT(business_id, call_id) DO NOTHING";
    private static final String FIND = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_id = ?";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? "
            + "AND call_id IN (SELECT value FROM json_each(?))";
    private static final String COMPLETE_LIVE = "UPDATE calls SET call_flow_id = ?, tracking_number = ?, caller_number = ?, status = ?, "
            + "fields = " + FIELDS + ", ai_processed = ?, created_at = ?, reported_at = ? WHERE business_id = ? AND call_id = ?";
    private static final String LATEST_REPORTED = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_flow_id = ? "
            + "AND reported_at IS NOT NULL ORDER BY created_at DESC LIMIT 1";
    private static final String SET_ANALYSIS = "UPDATE calls SET fields = " + FIELDS + ","
            + " ai_processed = CASE WHEN ? THEN 1 ELSE ai_processed END "
            + "WHERE business_id = ? AND call_id = ?";
    private static final String SET_FIELDS = "UPDATE calls SET fields = " + FIELDS + " WHERE business_id = ? AND call_id = ?";
    private static final String RELEASE_WAITING = "UPDATE deliveries SET next_attempt_at = ?, version = version + 1 WHERE business_id = ? "
            + "AND call_id = ? AND status = 'pending' AND wait_for_ai = 1 AND attempts = 0 AND claimed_by IS NULL";

    SqliteCalls(Database db, Codec codec) {
        super(db, Jdbc.RUN, codec, new Statements(INSERT_IF_ABSENT, FIND, FIND, FIND_ALL, COMPLETE_LIVE, LATEST_REPORTED, SET_ANALYSIS,
                SET_FIELDS, RELEASE_WAITING));
    }

    @Override
    protected void insert(Handle h, Delivery delivery) {
        SqliteDeliveries.insert(h, delivery);
    }

    @Override
    protected Object idList(Collection<String> callIds) {
        return Json.write(List.copyOf(callIds));
    }
}
