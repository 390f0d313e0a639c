package dev.hookline.web;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The dashboard's read-only queries: aggregates for the health view (counted in the store, never
 * by loading rows) and the recent-calls list with each call's delivery status. Every statement is
 * scoped by business.
 */
@RegisterConstructorMapper(InsightsDao.FlowHour.class)
@RegisterConstructorMapper(InsightsDao.HostStats.class)
@RegisterConstructorMapper(InsightsDao.CallRow.class)
public interface InsightsDao {

    /** Deliveries of one flow created in one hour ({@code bucket} hours after the window's start) with one status. */
    record FlowHour(String callFlowId, int bucket, String status, long n) {}

    /** One endpoint host's attempts in a window: how many, how many answered 2xx, and attempt-time percentiles. */
    record HostStats(String host, long attempts, long okAttempts, long deliveries, long failedDeliveries, Long p50Ms, Long p95Ms) {}

    /** A call with what the list shows: AI fields, the trace, and its newest delivery ("status id"), if any. */
    record CallRow(String callId, String callFlowId, String trackingNumber, String callerNumber, String status, boolean aiProcessed,
                   String aiScore, String aiCategory, String inCallTrace, long createdAt, String lastDelivery) {}

    /**
     * Deliveries per flow of the business, hour and status in the {@code hours} hours from
     * {@code start} (Test deliveries left out). Each count is a range of the flow-status-time index,
     * so the cost follows flows × hours, not deliveries: grouping 100,000 rows by hour sorted them all.
     */
    @SqlQuery("""
            WITH RECURSIVE hours(h) AS (SELECT 0 UNION ALL SELECT h + 1 FROM hours WHERE h < :hours - 1),
            keys AS (SELECT f.id AS call_flow_id, s.status AS status FROM call_flows f,
                     (SELECT 'succeeded' AS status UNION ALL SELECT 'failed' UNION ALL SELECT 'pending') s
                     WHERE f.business_id = :businessId)
            SELECT k.call_flow_id, h AS bucket, k.status,
                   (SELECT count(*) FROM deliveries d INDEXED BY deliveries_flow_hours
                    WHERE d.business_id = :businessId AND d.test = 0 AND d.call_flow_id = k.call_flow_id AND d.status = k.status
                      AND d.created_at >= :start + h * 3600000 AND d.created_at < :start + (h + 1) * 3600000) AS n
            FROM keys k, hours""")
    List<FlowHour> flowHours(@Bind("businessId") String businessId, @Bind("start") long start, @Bind("hours") int hours);

    /**
     * Per endpoint host, the attempts of the business's newest {@code sample} deliveries created
     * since {@code since}: the p50 and p95 attempt times are the row at that rank of the host's
     * attempts ordered by time (window functions), the success rate the share answered 2xx. The
     * sample bounds the work however many deliveries the store holds.
     */
    @SqlQuery("""
            WITH d AS (
                SELECT host, delivery_id, status FROM deliveries
                WHERE business_id = :businessId AND created_at >= :since AND test = 0
                ORDER BY created_at DESC LIMIT :sample
            ), a AS (
                SELECT d.host AS host, d.delivery_id AS delivery_id, d.status AS status, t.duration_ms AS duration_ms,
                       CASE WHEN t.status_code BETWEEN 200 AND 299 THEN 1 ELSE 0 END AS ok
                FROM d JOIN delivery_attempts t ON t.delivery_id = d.delivery_id
            ), r AS (
                SELECT host, delivery_id, status, duration_ms, ok,
                       row_number() OVER (PARTITION BY host ORDER BY duration_ms IS NULL, duration_ms) AS rn,
                       count(duration_ms) OVER (PARTITION BY host) AS timed
                FROM a
            )
            SELECT host, count(*) AS attempts, sum(ok) AS ok_attempts, count(DISTINCT delivery_id) AS deliveries,
                   count(DISTINCT CASE WHEN status = 'failed' THEN delivery_id END) AS failed_deliveries,
                   max(CASE WHEN rn = (timed * 50 + 99) / 100 THEN duration_ms END) AS p50_ms,
                   max(CASE WHEN rn = (timed * 95 + 99) / 100 THEN duration_ms END) AS p95_ms
            FROM r GROUP BY host ORDER BY attempts DESC LIMIT 100""")
    List<HostStats> hostStats(@Bind("businessId") String businessId, @Bind("since") long since, @Bind("sample") int sample);

    /**
     * A page of calls, newest first, before the cursor ({@code beforeCreated}, {@code beforeId}) when
     * given. The newest delivery of each call is looked up by call: left to itself, SQLite walks the
     * business's deliveries by time for every call instead (a second per page at 5,000 calls).
     */
    @SqlQuery("""
            SELECT c.call_id, c.call_flow_id, c.tracking_number, c.caller_number, c.status, c.ai_processed,
                   CAST(json_extract(c.fields, '$.ai_score') AS TEXT) AS ai_score,
                   CAST(json_extract(c.fields, '$.ai_category') AS TEXT) AS ai_category,
                   c.in_call_trace, c.created_at,
                   (SELECT d.status || ' ' || d.delivery_id FROM deliveries d INDEXED BY deliveries_call
                    WHERE d.business_id = c.business_id AND d.call_id = c.call_id AND d.test = 0
                    ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT 1) AS last_delivery
            FROM calls c
            WHERE c.business_id = :businessId AND (:flowId IS NULL OR c.call_flow_id = :flowId)
              AND (:beforeCreated IS NULL OR c.created_at < :beforeCreated OR (c.created_at = :beforeCreated AND c.call_id < :beforeId))
            ORDER BY c.created_at DESC, c.call_id DESC
            LIMIT :limit""")
    List<CallRow> recentCalls(@Bind("businessId") String businessId, @Bind("flowId") String flowId, @Bind("beforeCreated") Long beforeCreated,
                              @Bind("beforeId") String beforeId, @Bind("limit") int limit);

    /**
     * The ids of one call's deliveries (Test ones too), newest first, by the call's index: the log
     * query filtered by call id walks the business's deliveries by time instead.
     */
    @SqlQuery("""
            SELECT delivery_id FROM deliveries INDEXED BY deliveries_call
            WHERE business_id = :businessId AND call_id = :callId
            ORDER BY created_at DESC, delivery_id DESC LIMIT :limit""")
    List<String> deliveryIdsOfCall(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("limit") int limit);

    @SqlQuery("SELECT name FROM businesses WHERE id = :businessId")
    Optional<String> businessName(@Bind("businessId") String businessId);
}
