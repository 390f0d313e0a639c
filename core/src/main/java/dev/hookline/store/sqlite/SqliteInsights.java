package dev.hookline.store.sqlite;

import dev.hookline.store.InsightStore;
import dev.hookline.store.jdbc.JdbcRunner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's queries in SQLite. Each flow-hour count is a range of the flow-status-time
 * index, so the seeks follow flows × hours and the stepping the deliveries counted; a call's
 * newest delivery is looked up by call (left to itself, SQLite walks the business's deliveries by
 * time for every call).
 */
final class SqliteInsights implements InsightStore {
    private static final String FLOW_HOURS = """
            WITH RECURSIVE hours(h) AS (SELECT 0 UNION ALL SELECT h + 1 FROM hours WHERE h < ?3 - 1),
            keys AS (SELECT f.id AS call_flow_id, s.status AS status FROM call_flows f,
                     (SELECT 'succeeded' AS status UNION ALL SELECT 'failed' UNION ALL SELECT 'pending') s
                     WHERE f.business_id = ?1 AND (?4 IS NULL OR f.id = ?4))
            SELECT k.call_flow_id, h AS bucket, k.status,
                   (SELECT count(*) FROM deliveries d INDEXED BY deliveries_flow_hours
                    WHERE d.business_id = ?1 AND d.test = 0 AND d.call_flow_id = k.call_flow_id AND d.status = k.status
                      AND d.created_at >= ?2 + h * 3600000 AND d.created_at < ?2 + (h + 1) * 3600000) AS n
            FROM keys k, hours""";
    /**
     * The attempts of the sample counted per host and attempt time: the percentiles are read from
     * these few hundred groups ({@link HostHistogram}); window functions over every attempt cost
     * several times more. A delivery with attempts has exactly one attempt 1, so counting those
     * counts deliveries.
     */
    private static final String HOST_STATS = """
            WITH d AS (
                SELECT host, delivery_id, status FROM deliveries
                WHERE business_id = ?1 AND created_at >= ?2 AND test = 0
                ORDER BY created_at DESC LIMIT ?3
            )
            SELECT d.host, t.duration_ms, count(*),
                   sum(CASE WHEN t.status_code BETWEEN 200 AND 299 THEN 1 ELSE 0 END),
                   sum(CASE WHEN t.attempt = 1 THEN 1 ELSE 0 END),
                   sum(CASE WHEN t.attempt = 1 AND d.status = 'failed' THEN 1 ELSE 0 END)
            FROM d JOIN delivery_attempts t ON t.delivery_id = d.delivery_id
            GROUP BY d.host, t.duration_ms""";
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
    public List<FlowHour> flowHours(String businessId, String flowId, long start, int hours) {
        return db.read(h -> Jdbc.RUN.query(h, FLOW_HOURS, rs -> new FlowHour(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)),
                businessId, start, hours, flowId));
    }

    @Override
    public List<HostStats> hostStats(String businessId, long since, int sample) {
        List<HostHistogram.Group> groups = db.read(h -> Jdbc.RUN.query(h, HOST_STATS, rs -> new HostHistogram.Group(rs.getString(1),
                JdbcRunner.nullableLong(rs, 2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), businessId, since, sample));
        return HostHistogram.stats(groups, 100);
    }

    @Override
    public List<CallRow> recentCalls(String businessId, String flowId, Long beforeCreated, String beforeId, int limit) {
        return db.read(h -> Jdbc.RUN.query(h, RECENT_CALLS, SqliteInsights::callRow, businessId, flowId, beforeCreated, beforeId, limit));
    }

    static CallRow callRow(ResultSet rs) throws SQLException {
        return new CallRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11));
    }

    @Override
    public List<String> deliveryIdsOfCall(String businessId, String callId, int limit) {
        return db.read(h -> Jdbc.RUN.query(h, DELIVERIES_OF_CALL, rs -> rs.getString(1), businessId, callId, limit));
    }

    @Override
    public Optional<String> businessName(String businessId) {
        return db.read(h -> Jdbc.RUN.first(h, BUSINESS_NAME, rs -> rs.getString(1), businessId));
    }
}
