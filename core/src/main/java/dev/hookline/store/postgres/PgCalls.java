package dev.hookline.store.postgres;

import dev.hookline.model.Delivery;
import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcCalls;
import java.util.Collection;
import org.jdbi.v3.core.Handle;

/**
 * Calls in PostgreSQL. A call reported to two hubs at once is stored once: the second insert waits
 * for the first's commit on the key and finds the call there; a call seen live is completed under
 * its row lock, so a trace written meanwhile by another hub is not lost.
 */
final class PgCalls extends JdbcCalls {
    /** The fields parameter: UTF-8 bytes (see {@link Codec#fieldsUtf8}), stored as text. */
    private static final String FIELDS = "convert_from(?, 'UTF8')";
    static final String COLUMNS = "call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed, "
            + "in_call_trace, created_at, reported_at";
    private static final String INSERT_IF_ABSENT = "INSERT INTO calls(" + COLUMNS + ") VALUES (?,?,?,?,?,?," + FIELDS + ",?,?,?,?) "
            + "ON CONFLICT (business_id, call_id) DO NOTHING";
    private static final String FIND = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_id = ?";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_id = ANY(?)";
    private static final String COMPLETE_LIVE = "UPDATE calls SET call_flow_id = ?, tracking_number = ?, caller_number = ?, status = ?, "
            + "fields = " + FIELDS + ", ai_processed = ?, created_at = ?, reported_at = ? WHERE business_id = ? AND call_id = ?";
    private static final String LATEST_REPORTED = "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? AND call_flow_id = ? "
            + "AND reported_at IS NOT NULL ORDER BY created_at DESC LIMIT 1";
    private static final String SET_ANALYSIS = "UPDATE calls SET fields = " + FIELDS + ","
            + " ai_processed = (ai_processed OR ?::boolean) WHERE business_id = ? AND call_id = ?";
    private static final String SET_FIELDS = "UPDATE calls SET fields = " + FIELDS + " WHERE business_id = ? AND call_id = ?";
    private static final String RELEASE_WAITING = "UPDATE deliveries SET next_attempt_at = ?, version = version + 1 WHERE business_id = ? "
            + "AND call_id = ? AND status = 'pending' AND wait_for_ai AND attempts = 0 AND claimed_by IS NULL";

    private final PgDatabase db;
    private final PgDeliveries deliveries;

    PgCalls(PgDatabase db, Codec codec, PgDeliveries deliveries) {
        super(db, PgJdbc.RUN, codec, new Statements(INSERT_IF_ABSENT, FIND, LOCK, FIND_ALL, COMPLETE_LIVE, LATEST_REPORTED, SET_ANALYSIS,
                SET_FIELDS, RELEASE_WAITING));
        this.db = db;
        this.deliveries = deliveries;
    }

    @Override
    protected void insert(Handle h, Delivery delivery) {
        deliveries.insert(h, delivery);
    }

    @Override
    protected Object idList(Collection<String> callIds) {
        return callIds.toArray(new String[0]);
    }

    @Override
    protected void released(long now) {
        db.dueAt(now);
    }
}
