package dev.hookline.store.postgres;

import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.jdbc.DeliveryRows;
import dev.hookline.store.jdbc.JdbcRunner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries and attempts in PostgreSQL. A claim is a lease ({@code claimed_by}, {@code lease_until});
 * claiming, renewing and taking over expired claims are in {@link PgClaims}. An outcome changes its
 * delivery only while the run still holds that attempt's claim.
 */
final class PgDeliveries implements DeliveryStore {
    private static final Logger log = LoggerFactory.getLogger(PgDeliveries.class);
    private static final String INSERT = "INSERT INTO deliveries(" + DeliveryRows.COLUMNS + ", lease_until) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String DUE = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL "
            + "AND next_attempt_at <= ? AND host <> ALL(?) ORDER BY next_attempt_at LIMIT ?";
    private static final String NEXT_FOR_HOST = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL "
            + "AND host = ? ORDER BY next_attempt_at LIMIT ?";
    private static final String NEXT_DUE_AT = "SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' "
            + "AND claimed_by IS NULL AND host <> ALL(?)";
    private static final String CLAIM = "UPDATE deliveries SET claimed_by = ?, lease_until = ?, attempts = attempts + 1, version = version + 1 "
            + "WHERE delivery_id = ? AND version = ? AND status = 'pending' AND claimed_by IS NULL";
    /** A delivery that ended while its attempt was in flight (its flow was deleted) stays ended unless that attempt succeeded. */
    private static final String FINISH = "UPDATE deliveries SET "
            + "status = CASE WHEN status = 'pending' OR ?::text = 'succeeded' THEN ?::text ELSE status END, "
            + "next_attempt_at = CASE WHEN status = 'pending' OR ?::text = 'succeeded' THEN ?::bigint ELSE NULL END, "
            + "completed_at = CASE WHEN status = 'pending' OR ?::text = 'succeeded' THEN ?::bigint ELSE completed_at END, "
            + "last_error = CASE WHEN status = 'pending' OR ?::text = 'succeeded' THEN ?::text ELSE last_error END, "
            + "claimed_by = NULL, lease_until = NULL, version = version + 1 WHERE delivery_id = ? AND claimed_by = ? AND attempts = ?";
    private static final String SKIP = "UPDATE deliveries SET "
            + "status = CASE WHEN status = 'pending' THEN 'skipped' ELSE status END, "
            + "completed_at = CASE WHEN status = 'pending' THEN ?::bigint ELSE completed_at END, "
            + "last_error = CASE WHEN status = 'pending' THEN ?::text ELSE last_error END, "
            + "next_attempt_at = NULL, attempts = greatest(attempts - 1, 0), claimed_by = NULL, lease_until = NULL, version = version + 1 "
            + "WHERE delivery_id = ? AND claimed_by = ?";
    /** Failed deliveries of flows that still send, left out when redelivered already or when their call's event has one on its way or through. */
    private static final String RECOVERABLE = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries d "
            + "WHERE business_id = ? AND status = 'failed' AND NOT test AND created_at >= ? AND created_at < ? AND call_flow_id LIKE ? "
            + "AND EXISTS (SELECT 1 FROM call_flows f WHERE f.id = d.call_flow_id AND f.business_id = d.business_id "
            + "AND f.webhook_enabled AND f.webhook_url IS NOT NULL) "
            + "AND NOT EXISTS (SELECT 1 FROM deliveries n WHERE n.business_id = d.business_id "
            + "AND n.call_id = d.call_id AND (n.redelivery_of = d.delivery_id "
            + "OR (n.event = d.event AND NOT n.test AND n.status IN ('pending', 'succeeded')))) "
            + "ORDER BY created_at, delivery_id LIMIT ?";
    /** The attempt's own record; it replaces the "interrupted" one a hub that took the delivery over wrote for it. */
    private static final String SAVE_ATTEMPT = "INSERT INTO delivery_attempts(delivery_id, attempt, sent_at, status_code, duration_ms, "
            + "error, response_body) VALUES (?,?,?,?,?,?,?) ON CONFLICT (delivery_id, attempt) DO UPDATE SET sent_at = excluded.sent_at, "
            + "status_code = excluded.status_code, duration_ms = excluded.duration_ms, error = excluded.error, "
            + "response_body = excluded.response_body";

    private final PgDatabase db;
    private final PgClaims claims;
    private final Leasing leasing;

    PgDeliveries(PgDatabase db, Leasing leasing) {
        this.db = db;
        this.leasing = leasing;
        this.claims = new PgClaims(db, leasing);
    }

    /** The database (tests look at it directly). */
    PgDatabase database() {
        return db;
    }

    @Override
    public void insert(Delivery d) {
        db.write(h -> {
            insert(h, d);
            return null;
        });
    }

    /** Inserts inside the caller's write; a delivery due and unclaimed is announced to the other hubs at the commit. */
    void insert(Handle h, Delivery d) {
        Object[] values = DeliveryRows.values(d, 1);
        values[values.length - 1] = d.claimedBy() == null ? null : leasing.until(); // lease_until
        PgJdbc.RUN.update(h, INSERT, values);
        if (d.claimedBy() == null && d.nextAttemptAt() != null && d.status() == DeliveryStatus.PENDING) db.dueAt(d.nextAttemptAt());
    }

    @Override
    public Optional<Delivery> find(String businessId, String deliveryId) {
        return DeliveryRows.find(db, PgJdbc.RUN, businessId, deliveryId);
    }

    @Override
    public Optional<Logged> findLogged(String businessId, String deliveryId) {
        return DeliveryRows.findLogged(db, PgJdbc.RUN, businessId, deliveryId);
    }

    @Override
    public List<Delivery> page(Filter f, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE business_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(f.businessId());
        if (f.flowId() != null) condition(sql, params, " AND call_flow_id = ?", f.flowId());
        if (f.callId() != null) condition(sql, params, " AND call_id = ?", f.callId());
        if (f.status() != null) condition(sql, params, " AND status = ?", f.status().wire());
        if (f.from() != null) condition(sql, params, " AND created_at >= ?", f.from());
        if (f.until() != null) condition(sql, params, " AND created_at < ?", f.until());
        if (after != null) {
            sql.append(" AND (created_at, delivery_id) < (?, ?)");
            params.add(after.createdAt());
            params.add(after.deliveryId());
        }
        sql.append(" ORDER BY created_at DESC, delivery_id DESC LIMIT ?");
        params.add(limit);
        return db.read(h -> PgJdbc.RUN.query(h, sql.toString(), DeliveryRows::row, params.toArray()));
    }

    private static void condition(StringBuilder sql, List<Object> params, String text, Object value) {
        sql.append(text);
        params.add(value);
    }

    @Override
    public List<Delivery> due(long now, int limit, Collection<String> exceptHosts) {
        return db.read(h -> PgJdbc.RUN.query(h, DUE, DeliveryRows::row, now, exceptHosts.toArray(new String[0]), limit));
    }

    @Override
    public List<Delivery> nextForHost(String host, int limit) {
        return db.read(h -> PgJdbc.RUN.query(h, NEXT_FOR_HOST, DeliveryRows::row, host, limit));
    }

    @Override
    public Long nextDueAt(Collection<String> exceptHosts) {
        return db.read(h -> PgJdbc.RUN.query(h, NEXT_DUE_AT, rs -> JdbcRunner.nullableLong(rs, 1), (Object) exceptHosts.toArray(new String[0])).get(0));
    }

    @Override
    public Backlog backlog(long now) {
        return db.read(h -> PgJdbc.RUN.query(h, DeliveryRows.BACKLOG, rs -> new Backlog(rs.getLong(1), JdbcRunner.nullableLong(rs, 2)), now).get(0));
    }

    @Override
    public List<Delivery> claim(List<Delivery> picked, String runId) {
        if (picked.isEmpty()) return List.of();
        return db.inTransaction(h -> {
            long until = leasing.until();
            List<Delivery> won = new ArrayList<>(picked.size());
            for (Delivery d : picked) {
                if (PgJdbc.RUN.update(h, CLAIM, runId, until, d.deliveryId(), d.version()) == 1) won.add(d.claimed(runId));
            }
            return won;
        });
    }

    @Override
    public Claimed claimDue(long now, int limit, Collection<String> exceptHosts, Picker picker, String runId) {
        return claims.due(now, limit, exceptHosts, picker, runId);
    }

    @Override
    public Claimed claimForHosts(Map<String, Integer> limits, Picker picker, String runId) {
        return claims.forHosts(limits, picker, runId);
    }

    @Override
    public int renew(String runId, Collection<String> deliveryIds) {
        return claims.renew(runId, deliveryIds);
    }

    @Override
    public CompletableFuture<Void> record(Outcome o) {
        return db.submit(h -> {
            Attempt a = o.attempt();
            String status = o.status().wire();
            int applied = PgJdbc.RUN.update(h, FINISH, status, status, status, o.nextAttemptAt(), status, o.completedAt(), status, o.lastError(),
                    a.deliveryId(), o.runId(), a.attempt());
            PgJdbc.RUN.update(h, SAVE_ATTEMPT, a.deliveryId(), a.attempt(), a.sentAt(), a.statusCode(), a.durationMs(), a.error(), a.responseBody());
            if (applied == 0) {
                log.info("attempt {} of delivery {} ended after its claim expired and another hub took it over; only its record is kept",
                        a.attempt(), a.deliveryId());
            } else if (o.status() == DeliveryStatus.PENDING && o.nextAttemptAt() != null) {
                db.dueAt(o.nextAttemptAt());
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> skip(String deliveryId, String runId, String reason, long now) {
        return db.submit(h -> {
            PgJdbc.RUN.update(h, SKIP, now, reason, deliveryId, runId);
            return null;
        });
    }

    @Override
    public Recovered recover(RecoveryWindow w, int limit, Function<Delivery, Delivery> redelivery) {
        return db.write(h -> {
            List<Delivery> failed = PgJdbc.RUN.query(h, RECOVERABLE, DeliveryRows::row, w.businessId(), w.since(),
                    w.until() == null ? Long.MAX_VALUE : w.until(), w.flowId() == null ? "%" : w.flowId(), limit + 1);
            return DeliveryRows.redeliver(failed, limit, redelivery, again -> insert(h, again));
        });
    }

    @Override
    public int recoverOrphans(String runId, long now, String why) {
        return claims.recoverExpired(now, why);
    }

}
