package dev.hookline.store.postgres;

import dev.hookline.store.RetentionStore;
import java.util.List;

/**
 * Retention in PostgreSQL. Calls are visited in (created_at, business_id, call_id) order through
 * the index {@code calls_created}; a call goes with its deliveries and attempts when every
 * delivery is finished, and was created and completed before the window. PostgreSQL's autovacuum
 * makes freed space reusable by itself: nothing is given back here. Thread-safe.
 */
final class PgRetention implements RetentionStore {
    private static final String CANDIDATES = "SELECT business_id, call_id, created_at FROM calls WHERE created_at < ? "
            + "AND (created_at, business_id, call_id) > (?, ?, ?) ORDER BY created_at, business_id, call_id LIMIT ?";
    private static final String FINISHED_DELIVERIES = "SELECT d.delivery_id FROM unnest(?::text[], ?::text[]) AS c(business_id, call_id) "
            + "JOIN deliveries d ON d.business_id = c.business_id AND d.call_id = c.call_id WHERE NOT EXISTS (SELECT 1 FROM deliveries k "
            + "WHERE k.business_id = c.business_id AND k.call_id = c.call_id AND (k.status = 'pending' OR k.created_at >= ? OR k.completed_at >= ?))";
    private static final String DELETE_ATTEMPTS = "DELETE FROM delivery_attempts WHERE delivery_id = ANY(?)";
    private static final String DELETE_DELIVERIES = "DELETE FROM deliveries WHERE delivery_id = ANY(?)";
    private static final String DELETE_CALLS = "DELETE FROM calls USING unnest(?::text[], ?::text[]) AS c(business_id, call_id) "
            + "WHERE calls.business_id = c.business_id AND calls.call_id = c.call_id "
            + "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.business_id = calls.business_id AND d.call_id = calls.call_id)";
    private static final String SIZE = "SELECT pg_database_size(current_database())";

    private record Candidate(String businessId, String callId, long createdAt) {}

    private final PgDatabase db;

    PgRetention(PgDatabase db) {
        this.db = db;
    }

    @Override
    public Pruned prune(long before, String resumeAfter, int limit) {
        // the position: "created_at|business_id|call_id" (the call id last: split in three, it may hold anything)
        String[] from = resumeAfter == null ? new String[] {Long.toString(Long.MIN_VALUE), "", ""} : resumeAfter.split("\\|", 3);
        long fromAt = Long.parseLong(from[0]);
        return db.write(h -> {
            List<Candidate> calls = PgJdbc.RUN.query(h, CANDIDATES, rs -> new Candidate(rs.getString(1), rs.getString(2), rs.getLong(3)),
                    before, fromAt, from[1], from[2], limit);
            if (calls.isEmpty()) return new Pruned(0, 0, 0, 0, null);
            String[] businesses = calls.stream().map(Candidate::businessId).toArray(String[]::new);
            String[] ids = calls.stream().map(Candidate::callId).toArray(String[]::new);
            List<String> deliveries = PgJdbc.RUN.query(h, FINISHED_DELIVERIES, rs -> rs.getString(1), businesses, ids, before, before);
            int attemptsGone = 0, deliveriesGone = 0;
            if (!deliveries.isEmpty()) {
                String[] gone = deliveries.toArray(new String[0]);
                attemptsGone = PgJdbc.RUN.update(h, DELETE_ATTEMPTS, (Object) gone);
                deliveriesGone = PgJdbc.RUN.update(h, DELETE_DELIVERIES, (Object) gone);
            }
            int callsGone = PgJdbc.RUN.update(h, DELETE_CALLS, businesses, ids);
            Candidate last = calls.get(calls.size() - 1);
            String resume = calls.size() < limit ? null : last.createdAt() + "|" + last.businessId() + "|" + last.callId();
            return new Pruned(calls.size(), callsGone, deliveriesGone, attemptsGone, resume);
        });
    }

    @Override
    public Space space() {
        return new Space(db.read(h -> PgJdbc.RUN.query(h, SIZE, rs -> rs.getLong(1)).get(0)), 0);
    }

    @Override
    public long reclaim(long maxBytes) {
        return 0; // autovacuum makes freed rows reusable; giving space back to the OS is a VACUUM FULL, an operator's choice
    }
}
