package dev.hookline.store.sqlite;

import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.plugins.Json;
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

/** Deliveries and attempts in SQLite. Host lists are bound as one JSON array, so each statement's text never varies. */
final class SqliteDeliveries implements DeliveryStore {
    private static final String INSERT = "INSERT INTO deliveries(" + DeliveryRows.COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    /**
     * The log's query, one text per filter shape (so SQLite plans each on its own): by call on the
     * call's index (a call has few deliveries), by status on the status index, else on the
     * business's index by time. Keyed by which of flow, call, status, from, until, cursor are given.
     */
    private static final String[] PAGE = pageStatements();
    private static final String DUE = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE status = 'pending' AND claimed_by IS NULL "
            + "AND next_attempt_at <= ? AND host NOT IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at LIMIT ?";
    private static final String NEXT_FOR_HOST = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries INDEXED BY deliveries_host_due "
            + "WHERE status = 'pending' AND claimed_by IS NULL AND host = ? ORDER BY next_attempt_at LIMIT ?";
    private static final String NEXT_DUE_AT = "SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' "
            + "AND claimed_by IS NULL AND host NOT IN (SELECT value FROM json_each(?))";
    private static final String CLAIM = "UPDATE deliveries SET claimed_by = ?, attempts = attempts + 1, version = version + 1 "
            + "WHERE delivery_id = ? AND version = ? AND status = 'pending' AND claimed_by IS NULL";
    private static final String INSERT_ATTEMPT = "INSERT INTO delivery_attempts(delivery_id, attempt, sent_at, status_code, duration_ms, "
            + "error, response_body) VALUES (?,?,?,?,?,?,?)";
    /** A delivery that ended while its attempt was in flight (its flow was deleted) stays ended unless that attempt succeeded. */
    private static final String FINISH = "UPDATE deliveries SET "
            + "status = CASE WHEN status = 'pending' OR ?1 = 'succeeded' THEN ?1 ELSE status END, "
            + "next_attempt_at = CASE WHEN status = 'pending' OR ?1 = 'succeeded' THEN ?2 ELSE NULL END, "
            + "completed_at = CASE WHEN status = 'pending' OR ?1 = 'succeeded' THEN ?3 ELSE completed_at END, "
            + "last_error = CASE WHEN status = 'pending' OR ?1 = 'succeeded' THEN ?4 ELSE last_error END, "
            + "claimed_by = NULL, version = version + 1 WHERE delivery_id = ?5 AND claimed_by = ?6";
    private static final String SKIP = "UPDATE deliveries SET "
            + "status = CASE WHEN status = 'pending' THEN 'skipped' ELSE status END, "
            + "completed_at = CASE WHEN status = 'pending' THEN ?1 ELSE completed_at END, "
            + "last_error = CASE WHEN status = 'pending' THEN ?2 ELSE last_error END, "
            + "next_attempt_at = NULL, attempts = max(attempts - 1, 0), claimed_by = NULL, version = version + 1 "
            + "WHERE delivery_id = ?3 AND claimed_by = ?4";
    /**
     * Failed deliveries in a window of flows that still send, left out when redelivered already or
     * when their call's event has a delivery on its way or through (a call has few deliveries:
     * looked up by call, not by time).
     */
    private static final String RECOVERABLE = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries d INDEXED BY deliveries_status "
            + "WHERE business_id = ?1 AND status = 'failed' AND test = 0 AND (?2 IS NULL OR call_flow_id = ?2) "
            + "AND created_at >= ?3 AND (?4 IS NULL OR created_at < ?4) "
            + "AND EXISTS (SELECT 1 FROM call_flows f WHERE f.id = d.call_flow_id AND f.business_id = d.business_id "
            + "AND f.webhook_enabled = 1 AND f.webhook_url IS NOT NULL) "
            + "AND NOT EXISTS (SELECT 1 FROM deliveries n INDEXED BY deliveries_call WHERE n.business_id = d.business_id "
            + "AND n.call_id = d.call_id AND (n.redelivery_of = d.delivery_id "
            + "OR (n.event = d.event AND n.test = 0 AND n.status IN ('pending', 'succeeded')))) "
            + "ORDER BY created_at, delivery_id LIMIT ?5";
    private static final String ORPHANS = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE claimed_by IS NOT NULL AND claimed_by <> ?";
    private static final String RELEASE = "UPDATE deliveries SET claimed_by = NULL, version = version + 1, next_attempt_at = ?, "
            + "max_attempts = ?, last_error = ? WHERE delivery_id = ?";
    private static final String FAIL_ORPHAN = "UPDATE deliveries SET status = 'failed', claimed_by = NULL, version = version + 1, "
            + "next_attempt_at = NULL, completed_at = ?, last_error = ? WHERE delivery_id = ?";
    private static final String UNCLAIM = "UPDATE deliveries SET claimed_by = NULL, version = version + 1 WHERE delivery_id = ?";

    private final Database db;

    SqliteDeliveries(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Delivery d) {
        db.write(h -> {
            insert(h, d);
            return null;
        });
    }

    /** Inserts inside the caller's write (a call and its delivery commit together). */
    static void insert(Handle h, Delivery d) {
        Jdbc.RUN.update(h, INSERT, DeliveryRows.values(d, 0));
    }

    @Override
    public Optional<Delivery> find(String businessId, String deliveryId) {
        return DeliveryRows.find(db, Jdbc.RUN, businessId, deliveryId);
    }

    @Override
    public Optional<Logged> findLogged(String businessId, String deliveryId) {
        return DeliveryRows.findLogged(db, Jdbc.RUN, businessId, deliveryId);
    }

    @Override
    public List<Delivery> page(Filter f, Cursor after, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(f.businessId());
        int shape = 0;
        Object[] given = {f.flowId(), f.callId(), f.status() == null ? null : f.status().wire(), f.from(), f.until()};
        for (int i = 0; i < given.length; i++) {
            if (given[i] != null) {
                shape |= 1 << i;
                params.add(given[i]);
            }
        }
        if (after != null) {
            shape |= 1 << given.length;
            params.add(after.createdAt());
            params.add(after.createdAt());
            params.add(after.deliveryId());
        }
        params.add(limit);
        String sql = PAGE[shape];
        return db.read(h -> Jdbc.RUN.query(h, sql, DeliveryRows::row, params.toArray()));
    }

    /** {@link #PAGE}: the statement for each combination of given filters, bit i for the i-th of flow, call, status, from, until, cursor. */
    private static String[] pageStatements() {
        String[] conditions = {" AND call_flow_id = ?", " AND call_id = ?", " AND status = ?", " AND created_at >= ?", " AND created_at < ?",
                " AND (created_at < ? OR (created_at = ? AND delivery_id < ?))"};
        String[] out = new String[1 << conditions.length];
        for (int shape = 0; shape < out.length; shape++) {
            String index = (shape & 2) != 0 ? " INDEXED BY deliveries_call" : (shape & 4) != 0 ? " INDEXED BY deliveries_status" : "";
            StringBuilder sql = new StringBuilder("SELECT " + DeliveryRows.COLUMNS + " FROM deliveries" + index + " WHERE business_id = ?");
            for (int i = 0; i < conditions.length; i++) {
                if ((shape & (1 << i)) != 0) sql.append(conditions[i]);
            }
            out[shape] = sql.append(" ORDER BY created_at DESC, delivery_id DESC LIMIT ?").toString();
        }
        return out;
    }

    @Override
    public List<Delivery> due(long now, int limit, Collection<String> exceptHosts) {
        String hosts = Json.write(List.copyOf(exceptHosts));
        return db.read(h -> Jdbc.RUN.query(h, DUE, DeliveryRows::row, now, hosts, limit));
    }

    @Override
    public List<Delivery> nextForHost(String host, int limit) {
        return db.read(h -> Jdbc.RUN.query(h, NEXT_FOR_HOST, DeliveryRows::row, host, limit));
    }

    @Override
    public Long nextDueAt(Collection<String> exceptHosts) {
        String hosts = Json.write(List.copyOf(exceptHosts));
        return db.read(h -> Jdbc.RUN.query(h, NEXT_DUE_AT, rs -> JdbcRunner.nullableLong(rs, 1), hosts).get(0));
    }

    @Override
    public Backlog backlog(long now) {
        return db.read(h -> Jdbc.RUN.query(h, DeliveryRows.BACKLOG, rs -> new Backlog(rs.getLong(1), JdbcRunner.nullableLong(rs, 2)), now).get(0));
    }

    @Override
    public List<Delivery> claim(List<Delivery> picked, String runId) {
        if (picked.isEmpty()) return List.of();
        return db.write(h -> {
            List<Delivery> won = new ArrayList<>(picked.size());
            for (Delivery d : picked) {
                if (Jdbc.RUN.update(h, CLAIM, runId, d.deliveryId(), d.version()) == 1) won.add(d.claimed(runId));
            }
            return won;
        });
    }

    /** Reads the candidates, lets the picker choose, then claims the chosen optimistically (one writer: none is lost to another hub). */
    @Override
    public Claimed claimDue(long now, int limit, Collection<String> exceptHosts, Picker picker, String runId) {
        List<Delivery> due = due(now, limit, exceptHosts);
        return new Claimed(claim(pick(due, picker), runId), due.size());
    }

    @Override
    public Claimed claimForHosts(Map<String, Integer> limits, Picker picker, String runId) {
        List<Delivery> picked = new ArrayList<>();
        int seen = 0;
        for (Map.Entry<String, Integer> e : limits.entrySet()) {
            List<Delivery> candidates = nextForHost(e.getKey(), e.getValue());
            seen += candidates.size();
            picked.addAll(pick(candidates, picker));
        }
        return new Claimed(claim(picked, runId), seen);
    }

    private static List<Delivery> pick(List<Delivery> candidates, Picker picker) {
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : candidates) {
            Picker.Verdict v = picker.judge(d);
            if (v == Picker.Verdict.STOP) break;
            if (v == Picker.Verdict.TAKE) out.add(d);
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> record(Outcome o) {
        return db.submit(h -> {
            record(h, o);
            return null;
        });
    }

    private static void record(Handle h, Outcome o) {
        Attempt a = o.attempt();
        Jdbc.RUN.update(h, INSERT_ATTEMPT, a.deliveryId(), a.attempt(), a.sentAt(), a.statusCode(), a.durationMs(), a.error(), a.responseBody());
        Jdbc.RUN.update(h, FINISH, o.status().wire(), o.nextAttemptAt(), o.completedAt(), o.lastError(), a.deliveryId(), o.runId());
    }

    @Override
    public CompletableFuture<Void> skip(String deliveryId, String runId, String reason, long now) {
        return db.submit(h -> {
            Jdbc.RUN.update(h, SKIP, now, reason, deliveryId, runId);
            return null;
        });
    }

    @Override
    public Recovered recover(RecoveryWindow w, int limit, Function<Delivery, Delivery> redelivery) {
        return db.write(h -> {
            List<Delivery> failed = Jdbc.RUN.query(h, RECOVERABLE, DeliveryRows::row, w.businessId(), w.flowId(), w.since(), w.until(),
                    limit + 1);
            return DeliveryRows.redeliver(failed, limit, redelivery, again -> insert(h, again));
        });
    }

    @Override
    public int recoverOrphans(String runId, long now, String why) {
        return db.write(h -> {
            List<Delivery> orphans = Jdbc.RUN.query(h, ORPHANS, DeliveryRows::row, runId);
            for (Delivery d : orphans) {
                if (d.attempts() > 0) {
                    Jdbc.RUN.update(h, INSERT_ATTEMPT, d.deliveryId(), d.attempts(), now, null, null, why, null);
                }
                if (d.status() != DeliveryStatus.PENDING) {
                    Jdbc.RUN.update(h, UNCLAIM, d.deliveryId()); // it ended while in flight (its flow was deleted)
                } else if (d.test()) {
                    Jdbc.RUN.update(h, FAIL_ORPHAN, now, why, d.deliveryId());
                } else {
                    Jdbc.RUN.update(h, RELEASE, now, Math.max(d.maxAttempts(), d.attempts() + 1), why, d.deliveryId());
                }
            }
            return orphans.size();
        });
    }

}
