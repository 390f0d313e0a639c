package dev.hookline.store.postgres;

import dev.hookline.model.Delivery;
import dev.hookline.store.DeliveryStore.Claimed;
import dev.hookline.store.DeliveryStore.Picker;
import dev.hookline.store.jdbc.DeliveryRows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Work sharing between hubs on one database. A claim is a short transaction of its own, committed
 * before any attempt is sent: it locks candidate rows with {@code FOR UPDATE SKIP LOCKED} (rows
 * another hub is claiming at that moment are passed over, never waited for), marks the chosen ones
 * claimed by the run with a lease, and commits. No row lock is held while an attempt runs. A claim
 * whose lease ran out is taken over: its lost attempt is recorded as interrupted and the delivery is
 * due again with one more attempt allowed (the next attempt gets the next number).
 */
final class PgClaims {
    private static final String CANDIDATES = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE status = 'pending' "
            + "AND claimed_by IS NULL AND next_attempt_at <= ? AND host <> ALL(?) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String HOST_CANDIDATES = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE status = 'pending' "
            + "AND claimed_by IS NULL AND host = ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String TAKE = "UPDATE deliveries SET claimed_by = ?, lease_until = ?, attempts = attempts + 1, version = version + 1 "
            + "WHERE delivery_id = ANY(?) RETURNING " + DeliveryRows.COLUMNS;
    /** Rows locked meanwhile are being finished by this hub's writer: passed over, never waited for (no lock cycle with its batch). */
    private static final String RENEW = "UPDATE deliveries SET lease_until = ? WHERE delivery_id IN (SELECT delivery_id FROM deliveries "
            + "WHERE claimed_by = ? AND delivery_id = ANY(?) FOR UPDATE SKIP LOCKED)";
    private static final int EXPIRED_PER_PASS = 1_000;
    private static final String EXPIRED = "SELECT " + DeliveryRows.COLUMNS + " FROM deliveries WHERE claimed_by IS NOT NULL "
            + "AND lease_until < ? ORDER BY lease_until LIMIT " + EXPIRED_PER_PASS + " FOR UPDATE SKIP LOCKED";
    private static final String LOST_ATTEMPT = "INSERT INTO delivery_attempts(delivery_id, attempt, sent_at, status_code, duration_ms, "
            + "error, response_body) VALUES (?, ?, ?, NULL, NULL, ?, NULL) ON CONFLICT (delivery_id, attempt) DO NOTHING";
    private static final String RELEASE = "UPDATE deliveries SET claimed_by = NULL, lease_until = NULL, version = version + 1, "
            + "next_attempt_at = ?, max_attempts = ?, last_error = ? WHERE delivery_id = ?";
    private static final String UNCLAIM = "UPDATE deliveries SET claimed_by = NULL, lease_until = NULL, version = version + 1 WHERE delivery_id = ?";
    private static final String FAIL = "UPDATE deliveries SET status = 'failed', claimed_by = NULL, lease_until = NULL, "
            + "version = version + 1, next_attempt_at = NULL, completed_at = ?, last_error = ? WHERE delivery_id = ?";

    private final PgDatabase db;
    private final Leasing leasing;

    PgClaims(PgDatabase db, Leasing leasing) {
        this.db = db;
        this.leasing = leasing;
    }

    Claimed due(long now, int limit, Collection<String> exceptHosts, Picker picker, String runId) {
        String[] except = exceptHosts.toArray(new String[0]);
        return db.inTransaction(h -> {
            List<Delivery> candidates = PgJdbc.RUN.query(h, CANDIDATES, DeliveryRows::row, now, except, limit);
            return new Claimed(take(h, pick(candidates, picker), runId), candidates.size());
        });
    }

    Claimed forHosts(Map<String, Integer> limits, Picker picker, String runId) {
        return db.inTransaction(h -> {
            List<String> picked = new ArrayList<>();
            int seen = 0;
            for (Map.Entry<String, Integer> e : limits.entrySet()) {
                List<Delivery> candidates = PgJdbc.RUN.query(h, HOST_CANDIDATES, DeliveryRows::row, e.getKey(), e.getValue());
                seen += candidates.size();
                picked.addAll(pick(candidates, picker));
            }
            return new Claimed(take(h, picked, runId), seen);
        });
    }

    private static List<String> pick(List<Delivery> candidates, Picker picker) {
        List<String> ids = new ArrayList<>();
        for (Delivery d : candidates) {
            Picker.Verdict v = picker.judge(d);
            if (v == Picker.Verdict.STOP) break;
            if (v == Picker.Verdict.TAKE) ids.add(d.deliveryId());
        }
        return ids;
    }

    /** Marks the locked rows {@code ids} claimed by {@code runId}, leased from now. */
    private List<Delivery> take(Handle h, List<String> ids, String runId) {
        if (ids.isEmpty()) return List.of();
        List<Delivery> taken = new ArrayList<>(PgJdbc.RUN.query(h, TAKE, DeliveryRows::row, runId, leasing.until(), ids.toArray(new String[0])));
        taken.sort(Comparator.comparingInt(d -> ids.indexOf(d.deliveryId()))); // started in the order picked, soonest due first
        return taken;
    }

    int renew(String runId, Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) return 0;
        String[] ids = deliveryIds.toArray(new String[0]);
        return db.inTransaction(h -> PgJdbc.RUN.update(h, RENEW, leasing.until(), runId, ids));
    }

    /** Takes over claims whose lease ran out before {@code now}, in one transaction, and announces them due. */
    int recoverExpired(long now, String why) {
        return db.inTransaction(h -> {
            List<Delivery> expired = PgJdbc.RUN.query(h, EXPIRED, DeliveryRows::row, now);
            for (Delivery d : expired) {
                if (d.attempts() > 0) PgJdbc.RUN.update(h, LOST_ATTEMPT, d.deliveryId(), d.attempts(), now, why);
                if (d.status() != dev.hookline.model.DeliveryStatus.PENDING) PgJdbc.RUN.update(h, UNCLAIM, d.deliveryId()); // ended while in flight
                else if (d.test()) PgJdbc.RUN.update(h, FAIL, now, why, d.deliveryId());
                else PgJdbc.RUN.update(h, RELEASE, now, Math.max(d.maxAttempts(), d.attempts() + 1), why, d.deliveryId());
            }
            if (!expired.isEmpty()) db.announceDue(h, now);
            return expired.size();
        });
    }
}
