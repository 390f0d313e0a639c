package dev.hookline.store.sqlite;

import dev.hookline.store.InsightStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's queries in SQLite. Each flow-hour count is a range of the flow-status-time
 * index, so the cost follows flows × hours, not deliveries; a call's newest delivery is looked up
 * by call (left to itself, SQLite walks the business's deliveries by time for every call).
 */
final class SqliteInsights implements InsightStore {
    private static final String FLOW_HOURS = """
            WITH RECURSIVE hours(h) AS (SELECT 0 UNION ALL SELECT h + 1 FROM hours WHERE h < ?3 - 1),
            keys AS (SELECT f.id AS call_flow_id, s.status AS status FROM call_flows f,
                     (SELECT 'succeeded' AS status UNION ALL SELECT 'failed' UNION ALL SELECT 'pending') s
                     WHERE f.business_id = ?1)
            SELECT k.call_flow_id, h AS bucket, k.status,
                   (SELECT count(*) FROM deliveries d INDEXED BY deliveries_flow_hours
                    WHERE d.business_id = ?1 AND d.test = 0 AND d.call_flow_id = k.call_flow_id AND d.status = k.status
                      AND d.created_at >= ?2 + h * 3600000 AND d.created_at < ?2 + (h + 1) * 3600000) AS n
            FROM keys k, hours""";
    private static final String HOST_STATS = """
            WITH d AS (
                SELECT host, delivery_id, status FROM deliveries
                WHERE business_id = ?1 AND created_at >= ?2 AND test = 0
                ORDER BY created_at DESC LIMIT ?3
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
            FROM r GROUP BY host ORDER BY attempts DESC LIMIT 100""";
    private static final String RECENT_CALLS = """
            SELECT c.call_id, c.call_flow_id, c.tracking_number, c.caller_number, c.status, c.ai_processed,
                   CAST(json_extract(c.fields, '$.ai_score') AS TEXT) AS ai_score,
                   CAST(json_extract(c.fields, '$.ai_category') AS TEXT) AS ai_category,
                   c.in_call_trace, c.created_at,
                   (SELECT d.status || ' ' || d.delivery_id FROM deliveries d INDEXED BY deliveries_call
                    WHERE d.business_id = c.business_id AND d.call_id = c.call_id AND d.test = 0
                    ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT 1) AS last_delivery
            FROM calls c
            WHERE c.business_id = ?1 AND (?2 IS NULL OR c.call_flow_id = ?2)
              AND (?3 IS NULL OR c.created_at < ?3 OR (c.created_at = ?3 AND c.call_id < ?4))
            ORDER BY c.created_at DESC, c.call_id DESC
            LIMIT ?5""";
    private static final String DELIVERIES_OF_CALL = "SELECT delivery_id FROM deliveries INDEXED BY deliveries_call "
            + "WHERE business_id = ? AND call_id = ? ORDER BY created_at DESC, delivery_id DESC LIMIT ?";
    private static final String BUSINESS_NAME = "SELECT name FROM businesses WHERE id = ?";

    private final Database db;

    SqliteInsights(Database db) {
        this.db = db;
    }

    @Override
    public List<FlowHour> flowHours(String businessId, long start, int hours) {
        return db.read(h -> Jdbc.query(h, FLOW_HOURS, rs -> new FlowHour(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)),
                businessId, start, hours));
    }

    @Override
    public List<HostStats> hostStats(String businessId, long since, int sample) {
        return db.read(h -> Jdbc.query(h, HOST_STATS, SqliteInsights::hostStats, businessId, since, sample));
    }

    static HostStats hostStats(ResultSet rs) throws SQLException {
        return new HostStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), Jdbc.nullableLong(rs, 6),
                Jdbc.nullableLong(rs, 7));
    }

    @Override
    public List<CallRow> recentCalls(String businessId, String flowId, Long beforeCreated, String beforeId, int limit) {
        return db.read(h -> Jdbc.query(h, RECENT_CALLS, SqliteInsights::callRow, businessId, flowId, beforeCreated, beforeId, limit));
    }

    static CallRow callRow(ResultSet rs) throws SQLException {
        return new CallRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11));
    }

    @Override
    public List<String> deliveryIdsOfCall(String businessId, String callId, int limit) {
        return db.read(h -> Jdbc.query(h, DELIVERIES_OF_CALL, rs -> rs.getString(1), businessId, callId, limit));
    }

    @Override
    public Optional<String> businessName(String businessId) {
        return db.read(h -> Jdbc.first(h, BUSINESS_NAME, rs -> rs.getString(1), businessId));
    }
}
