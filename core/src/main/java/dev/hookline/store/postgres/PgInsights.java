package dev.hookline.store.postgres;

import dev.hookline.store.InsightStore;
import dev.hookline.store.jdbc.JdbcRunner;
import java.util.List;
import java.util.Optional;

/** The dashboard's queries in PostgreSQL: the same answers as SQLite's, counted by the database. */
final class PgInsights implements InsightStore {
    private static final String FLOW_HOURS = """
            SELECT f.id, h.h, s.status,
                   (SELECT count(*) FROM deliveries d WHERE d.business_id = f.business_id AND NOT d.test AND d.call_flow_id = f.id
                      AND d.status = s.status AND d.created_at >= ? + h.h * 3600000 AND d.created_at < ? + (h.h + 1) * 3600000)
            FROM call_flows f, generate_series(0, ? - 1) AS h(h), (VALUES ('succeeded'), ('failed'), ('pending')) AS s(status)
            WHERE f.business_id = ? AND (CAST(? AS text) IS NULL OR f.id = ?)""";
    private static final String HOST_STATS = """
            WITH d AS (
                SELECT host, delivery_id, status FROM deliveries
                WHERE business_id = ? AND created_at >= ? AND NOT test
                ORDER BY created_at DESC LIMIT ?
            ), a AS (
                SELECT d.host, d.delivery_id, d.status, t.duration_ms,
                       CASE WHEN t.status_code BETWEEN 200 AND 299 THEN 1 ELSE 0 END AS ok
                FROM d JOIN delivery_attempts t ON t.delivery_id = d.delivery_id
            )
            SELECT host, count(*), sum(ok), count(DISTINCT delivery_id),
                   count(DISTINCT CASE WHEN status = 'failed' THEN delivery_id END),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms),
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms)
            FROM a GROUP BY host ORDER BY count(*) DESC LIMIT 100""";
    private static final String RECENT_CALLS = """
            SELECT c.call_id, c.call_flow_id, c.tracking_number, c.caller_number, c.status, c.ai_processed,
                   c.fields::json->>'ai_score', c.fields::json->>'ai_category', c.in_call_trace, c.created_at,
                   (SELECT d.status || ' ' || d.delivery_id FROM deliveries d
                    WHERE d.business_id = c.business_id AND d.call_id = c.call_id AND NOT d.test
                    ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT 1)
            FROM calls c
            WHERE c.business_id = ? AND (CAST(? AS text) IS NULL OR c.call_flow_id = ?) AND (c.created_at, c.call_id) < (?, ?)
            ORDER BY c.created_at DESC, c.call_id DESC
            LIMIT ?""";
    private static final String DELIVERIES_OF_CALL = "SELECT delivery_id FROM deliveries WHERE business_id = ? AND call_id = ? "
            + "ORDER BY created_at DESC, delivery_id DESC LIMIT ?";
    private static final String BUSINESS_NAME = "SELECT name FROM businesses WHERE id = ?";

    private final PgDatabase db;

    PgInsights(PgDatabase db) {
        this.db = db;
    }

    @Override
    public List<FlowHour> flowHours(String businessId, String flowId, long start, int hours) {
        return db.read(h -> PgJdbc.RUN.query(h, FLOW_HOURS, rs -> new FlowHour(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)),
                start, start, hours, businessId, flowId, flowId));
    }

    @Override
    public List<HostStats> hostStats(String businessId, long since, int sample) {
        return db.read(h -> PgJdbc.RUN.query(h, HOST_STATS, rs -> new HostStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), JdbcRunner.nullableLong(rs, 6), JdbcRunner.nullableLong(rs, 7)), businessId, since, sample));
    }

    @Override
    public List<CallRow> recentCalls(String businessId, String flowId, Long beforeCreated, String beforeId, int limit) {
        return db.read(h -> PgJdbc.RUN.query(h, RECENT_CALLS, rs -> new CallRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11)),
                businessId, flowId, flowId, beforeCreated == null ? Long.MAX_VALUE : beforeCreated,
                beforeCreated == null ? "" : beforeId, limit));
    }

    @Override
    public List<String> deliveryIdsOfCall(String businessId, String callId, int limit) {
        return db.read(h -> PgJdbc.RUN.query(h, DELIVERIES_OF_CALL, rs -> rs.getString(1), businessId, callId, limit));
    }

    @Override
    public Optional<String> businessName(String businessId) {
        return db.read(h -> PgJdbc.RUN.first(h, BUSINESS_NAME, rs -> rs.getString(1), businessId));
    }
}
