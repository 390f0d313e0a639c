package dev.hookline.delivery;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The outbox: deliveries and their attempts. */
@RegisterConstructorMapper(Delivery.class)
@RegisterConstructorMapper(Attempt.class)
public interface DeliveryDao {

    String COLUMNS = "delivery_id, business_id, call_id, call_flow_id, call_flow_name, event, url, host, connector, connector_settings, "
            + "signing_secret, status, test, redelivery_of, attempts, max_attempts, wait_for_ai, claimed_by, version, created_at, "
            + "next_attempt_at, completed_at, last_error";

    @SqlUpdate("INSERT INTO deliveries(" + COLUMNS + ") VALUES (:deliveryId, :businessId, :callId, :callFlowId, :callFlowName, :event, "
            + ":url, :host, :connector, :connectorSettings, :signingSecret, :status, :test, :redeliveryOf, :attempts, :maxAttempts, "
            + ":waitForAi, :claimedBy, :version, :createdAt, :nextAttemptAt, :completedAt, :lastError)")
    void insert(@BindMethods Delivery d);

    /** Hot path: the insert of {@link #insert} in plain JDBC (see {@link dev.hookline.store.Jdbc}). */
    static void insertFast(org.jdbi.v3.core.Handle h, Delivery d) {
        dev.hookline.store.Jdbc.update(h, "INSERT INTO deliveries(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                d.deliveryId(), d.businessId(), d.callId(), d.callFlowId(), d.callFlowName(), d.event(), d.url(), d.host(), d.connector(),
                d.connectorSettings(), d.signingSecret(), d.status(), d.test(), d.redeliveryOf(), d.attempts(), d.maxAttempts(),
                d.waitForAi(), d.claimedBy(), d.version(), d.createdAt(), d.nextAttemptAt(), d.completedAt(), d.lastError());
    }

    /** Hot path: {@link #insertAttempt} in plain JDBC. */
    static void insertAttemptFast(org.jdbi.v3.core.Handle h, Attempt a) {
        dev.hookline.store.Jdbc.update(h, "INSERT INTO delivery_attempts(delivery_id, attempt, sent_at, status_code, duration_ms, error, response_body) "
                + "VALUES (?,?,?,?,?,?,?)", a.deliveryId(), a.attempt(), a.sentAt(), a.statusCode(), a.durationMs(), a.error(), a.responseBody());
    }

    /** Hot path: {@link #finishAttempt} in plain JDBC. */
    static int finishAttemptFast(org.jdbi.v3.core.Handle h, String id, String runId, String status, Long nextAttemptAt, Long completedAt,
                                 String lastError) {
        return dev.hookline.store.Jdbc.update(h, "UPDATE deliveries SET status = ?, claimed_by = NULL, version = version + 1, "
                + "next_attempt_at = ?, completed_at = ?, last_error = ? WHERE delivery_id = ? AND claimed_by = ?",
                status, nextAttemptAt, completedAt, lastError, id, runId);
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE delivery_id = :id")
    Optional<Delivery> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE delivery_id = :id AND business_id = :businessId")
    Optional<Delivery> find(@Bind("businessId") String businessId, @Bind("id") String id);

    /** Due, unclaimed deliveries, oldest due first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit")
    List<Delivery> due(@Bind("now") long now, @Bind("limit") int limit);

    /**
     * As {@link #due}, skipping hosts whose queue in this process is already full. The hosts come
     * as one JSON array, so the statement's text is the same whatever their number: a list spelled
     * into the SQL made every pass parse and prepare a new statement.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL AND next_attempt_at <= :now "
            + "AND host NOT IN (SELECT value FROM json_each(:hosts)) ORDER BY next_attempt_at LIMIT :limit")
    List<Delivery> dueExcept(@Bind("now") long now, @Bind("hosts") String hostsJson, @Bind("limit") int limit);


    /**
     * One host's unclaimed deliveries, soonest due first, due or not (a short range of the by-host
     * index). Plain JDBC: under hanging hosts it runs each time one of their attempts times out
     * (hundreds a second), and the JDBI-mapped query was a tenth of the hub's allocation.
     */
    static List<Delivery> nextForHostFast(org.jdbi.v3.core.Handle h, String host, int limit) {
        return dev.hookline.store.Jdbc.query(h, "SELECT " + COLUMNS + " FROM deliveries INDEXED BY deliveries_host_due WHERE status = 'pending' "
                + "AND claimed_by IS NULL AND host = ? ORDER BY next_attempt_at LIMIT ?", DeliveryDao::row, host, limit);
    }

    /** A row of {@link #COLUMNS}. */
    private static Delivery row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13) != 0,
                rs.getString(14), rs.getInt(15), rs.getInt(16), rs.getInt(17) != 0, rs.getString(18), rs.getInt(19), rs.getLong(20),
                dev.hookline.store.Jdbc.nullableLong(rs, 21), dev.hookline.store.Jdbc.nullableLong(rs, 22), rs.getString(23));
    }

    @SqlQuery("SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL")
    Long nextDueAt();

    /** As {@link #nextDueAt}, leaving out hosts that have no free slot in this process. */
    @SqlQuery("SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL "
            + "AND host NOT IN (SELECT value FROM json_each(:hosts))")
    Long nextDueAtExcept(@Bind("hosts") String hostsJson);

    /** Optimistic claim: zero rows means another worker took it (or it changed) first. Plain JDBC (hot path). */
    static int claimFast(org.jdbi.v3.core.Handle h, String id, int version, String runId) {
        return dev.hookline.store.Jdbc.update(h, "UPDATE deliveries SET claimed_by = ?, attempts = attempts + 1, version = version + 1 "
                + "WHERE delivery_id = ? AND version = ? AND status = 'pending' AND claimed_by IS NULL", runId, id, version);
    }

    @SqlUpdate("INSERT INTO delivery_attempts(delivery_id, attempt, sent_at, status_code, duration_ms, error, response_body) "
            + "VALUES (:deliveryId, :attempt, :sentAt, :statusCode, :durationMs, :error, :responseBody)")
    void insertAttempt(@BindMethods Attempt a);

    @SqlUpdate("UPDATE deliveries SET status = :status, claimed_by = NULL, version = version + 1, next_attempt_at = :nextAttemptAt, "
            + "completed_at = :completedAt, last_error = :lastError WHERE delivery_id = :id AND claimed_by = :runId")
    int finishAttempt(@Bind("id") String id, @Bind("runId") String runId, @Bind("status") String status,
                      @Bind("nextAttemptAt") Long nextAttemptAt, @Bind("completedAt") Long completedAt, @Bind("lastError") String lastError);

    /** Wait-for-AI: the analysis arrived, so a delivery still waiting becomes due now. */
    @SqlUpdate("UPDATE deliveries SET next_attempt_at = :now, version = version + 1 "
            + "WHERE business_id = :businessId AND call_id = :callId AND status = 'pending' AND wait_for_ai = 1 AND attempts = 0 AND claimed_by IS NULL")
    int releaseWaitingForAi(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("now") long now);

    /** Deliveries claimed by runs other than this one: their process died mid-attempt. */
    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE claimed_by IS NOT NULL AND claimed_by <> :runId")
    List<Delivery> orphans(@Bind("runId") String runId);

    /** Hands an orphaned delivery back to the queue, due now. */
    @SqlUpdate("UPDATE deliveries SET claimed_by = NULL, version = version + 1, next_attempt_at = :now, max_attempts = :maxAttempts, "
            + "last_error = :lastError WHERE delivery_id = :id")
    int release(@Bind("id") String id, @Bind("now") long now, @Bind("maxAttempts") int maxAttempts, @Bind("lastError") String lastError);

    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE business_id = :businessId "
            + "AND (:flowId IS NULL OR call_flow_id = :flowId) AND (:callId IS NULL OR call_id = :callId) AND (:status IS NULL OR status = :status) "
            + "AND (:beforeCreated IS NULL OR created_at < :beforeCreated OR (created_at = :beforeCreated AND delivery_id < :beforeId)) "
            + "ORDER BY created_at DESC, delivery_id DESC LIMIT :limit")
    List<Delivery> page(@Bind("businessId") String businessId, @Bind("flowId") String flowId, @Bind("callId") String callId,
                        @Bind("status") String status, @Bind("beforeCreated") Long beforeCreated, @Bind("beforeId") String beforeId,
                        @Bind("limit") int limit);

    @SqlQuery("SELECT delivery_id, attempt, sent_at, status_code, duration_ms, error, response_body FROM delivery_attempts "
            + "WHERE delivery_id = :id ORDER BY attempt")
    List<Attempt> attempts(@Bind("id") String id);

    @SqlQuery("SELECT count(*) FROM deliveries WHERE status = 'pending'")
    long pendingCount();
}
