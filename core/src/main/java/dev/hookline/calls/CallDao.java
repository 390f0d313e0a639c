package dev.hookline.calls;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Stored calls. Every statement is scoped by business. */
@RegisterConstructorMapper(CallDao.CallRow.class)
public interface CallDao {

    record CallRow(String callId, String businessId, String callFlowId, String trackingNumber, String callerNumber, String status,
                   String fields, boolean aiProcessed, String inCallTrace, long createdAt, Long reportedAt) {}

    String COLUMNS = "call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed, in_call_trace, created_at, reported_at";

    @SqlUpdate("INSERT INTO calls(" + COLUMNS + ") VALUES (:callId, :businessId, :callFlowId, :trackingNumber, :callerNumber, :status, "
            + ":fields, :aiProcessed, :inCallTrace, :createdAt, :reportedAt)")
    void insert(@BindMethods CallRow row);

    /** Inserts a new call; 0 rows when the id is already known (idempotent reports). */
    @SqlUpdate("INSERT INTO calls(" + COLUMNS + ") VALUES (:callId, :businessId, :callFlowId, :trackingNumber, :callerNumber, :status, "
            + ":fields, :aiProcessed, :inCallTrace, :createdAt, :reportedAt) ON CONFLICT(business_id, call_id) DO NOTHING")
    int insertIfAbsent(@BindMethods CallRow row);

    /** Hot path: {@link #insertIfAbsent} in plain JDBC (see {@link dev.hookline.store.Jdbc}). */
    static int insertIfAbsentFast(org.jdbi.v3.core.Handle h, CallRow r) {
        return dev.hookline.store.Jdbc.update(h, "INSERT INTO calls(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT(business_id, call_id) DO NOTHING", r.callId(), r.businessId(), r.callFlowId(), r.trackingNumber(),
                r.callerNumber(), r.status(), r.fields(), r.aiProcessed(), r.inCallTrace(), r.createdAt(), r.reportedAt());
    }

    /** Completes a call first seen live with what the ended-call report says. */
    @SqlUpdate("UPDATE calls SET call_flow_id = :callFlowId, tracking_number = :trackingNumber, caller_number = :callerNumber, status = :status, "
            + "fields = :fields, ai_processed = :aiProcessed, created_at = :createdAt, reported_at = :reportedAt "
            + "WHERE business_id = :businessId AND call_id = :callId")
    int report(@BindMethods CallRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM calls WHERE business_id = :businessId AND call_id = :callId")
    Optional<CallRow> find(@Bind("businessId") String businessId, @Bind("callId") String callId);

    /**
     * The calls of one business among {@code callIdsJson} (a JSON array of ids), in one statement:
     * the dispatcher reads the calls of a claimed batch together. Plain JDBC (draining a backlog,
     * one JDBI query per delivery was a quarter of the hub's time).
     */
    static List<CallRow> findAllFast(org.jdbi.v3.core.Handle h, String businessId, String callIdsJson) {
        return dev.hookline.store.Jdbc.query(h, "SELECT " + COLUMNS + " FROM calls WHERE business_id = ? "
                + "AND call_id IN (SELECT value FROM json_each(?))", CallDao::row, businessId, callIdsJson);
    }

    /** A row of {@link #COLUMNS}. */
    private static CallRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CallRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getInt(8) != 0, rs.getString(9), rs.getLong(10), dev.hookline.store.Jdbc.nullableLong(rs, 11));
    }

    @SqlUpdate("UPDATE calls SET fields = :fields, ai_processed = 1 WHERE business_id = :businessId AND call_id = :callId")
    int setAnalysis(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("fields") String fields);

    @SqlUpdate("UPDATE calls SET in_call_trace = :trace WHERE business_id = :businessId AND call_id = :callId")
    int setTrace(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("trace") String trace);

    @SqlQuery("SELECT " + COLUMNS + " FROM calls WHERE business_id = :businessId AND call_flow_id = :flowId AND reported_at IS NOT NULL "
            + "ORDER BY created_at DESC LIMIT 1")
    Optional<CallRow> latestOfFlow(@Bind("businessId") String businessId, @Bind("flowId") String flowId);
}
