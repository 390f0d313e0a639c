package dev.hookline.store.sqlite;

import dev.hookline.plugins.Json;
import dev.hookline.store.RetentionStore;
import dev.hookline.store.StoreException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Retention in SQLite. Calls are visited in (created_at, rowid) order through the index
 * {@code calls_created}; a call goes with its deliveries and attempts when every delivery is
 * finished, and was created and completed before the window. Space comes back with incremental
 * vacuum steps, each a short write: moving the pages at the end of the file into free ones costs
 * writes, so only the free space beyond a reserve (which new data would soon reuse) is given back.
 * Thread-safe.
 */
final class SqliteRetention implements RetentionStore {
    private static final String CANDIDATES = "SELECT rowid, created_at FROM calls INDEXED BY calls_created "
            + "WHERE created_at >= ?1 AND created_at < ?2 AND (created_at > ?1 OR rowid > ?3) ORDER BY created_at, rowid LIMIT ?4";
    private static final String FINISHED_DELIVERIES = "SELECT d.delivery_id FROM calls c "
            + "JOIN deliveries d ON d.business_id = c.business_id AND d.call_id = c.call_id "
            + "WHERE c.rowid IN (SELECT value FROM json_each(?1)) AND NOT EXISTS (SELECT 1 FROM deliveries k "
            + "WHERE k.business_id = c.business_id AND k.call_id = c.call_id AND (k.status = 'pending' OR k.created_at >= ?2 OR k.completed_at >= ?2))";
    private static final String DELETE_ATTEMPTS = "DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT value FROM json_each(?))";
    private static final String DELETE_DELIVERIES = "DELETE FROM deliveries WHERE delivery_id IN (SELECT value FROM json_each(?))";
    private static final String DELETE_CALLS = "DELETE FROM calls WHERE rowid IN (SELECT value FROM json_each(?1)) "
            + "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.business_id = calls.business_id AND d.call_id = calls.call_id)";
    private static final String PAGE_SIZE = "PRAGMA page_size";
    private static final String FREE_PAGES = "PRAGMA freelist_count";
    private static final String PAGES = "PRAGMA page_count";
    private static final String AUTO_VACUUM = "PRAGMA auto_vacuum";
    /** Pages one vacuum statement frees at most (a constant: the statement's text is prepared once). */
    static final int VACUUM_STEP_PAGES = 16;
    /** Free space kept for new data: this much, or an eighth of the data, whichever is more. */
    static final long RESERVE_BYTES = 8L * 1024 * 1024;
    private static final String VACUUM_STEP = "PRAGMA incremental_vacuum(" + VACUUM_STEP_PAGES + ")";

    private final Database db;

    SqliteRetention(Database db) {
        this.db = db;
    }

    @Override
    public Pruned prune(long before, String resumeAfter, int limit) {
        long fromAt = Long.MIN_VALUE, fromRow = Long.MIN_VALUE;
        if (resumeAfter != null) {
            int colon = resumeAfter.indexOf(':');
            fromAt = Long.parseLong(resumeAfter.substring(0, colon));
            fromRow = Long.parseLong(resumeAfter.substring(colon + 1));
        }
        long at = fromAt, row = fromRow;
        return db.write(h -> {
            List<long[]> calls = Jdbc.RUN.query(h, CANDIDATES, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, at, before, row, limit);
            if (calls.isEmpty()) return new Pruned(0, 0, 0, 0, null);
            StringBuilder rowids = new StringBuilder("[");
            for (long[] c : calls) rowids.append(rowids.length() > 1 ? "," : "").append(c[0]);
            String ids = rowids.append(']').toString();
            List<String> deliveries = Jdbc.RUN.query(h, FINISHED_DELIVERIES, rs -> rs.getString(1), ids, before);
            int attemptsGone = 0, deliveriesGone = 0;
            if (!deliveries.isEmpty()) {
                String json = Json.write(deliveries);
                attemptsGone = Jdbc.RUN.update(h, DELETE_ATTEMPTS, json);
                deliveriesGone = Jdbc.RUN.update(h, DELETE_DELIVERIES, json);
            }
            int callsGone = Jdbc.RUN.update(h, DELETE_CALLS, ids);
            long[] last = calls.get(calls.size() - 1);
            String resume = calls.size() < limit ? null : last[1] + ":" + last[0];
            return new Pruned(calls.size(), callsGone, deliveriesGone, attemptsGone, resume);
        });
    }

    @Override
    public Space space() {
        long[] pages = db.read(h -> new long[] {number(h, PAGE_SIZE), number(h, PAGES), number(h, FREE_PAGES)});
        return new Space(SpaceMode.size(db.file()), pages[0] * pages[2]);
    }

    @Override
    public long reclaim(long maxBytes) {
        return db.write(h -> {
            if (number(h, AUTO_VACUUM) != SpaceMode.INCREMENTAL) return 0L;
            long pageSize = number(h, PAGE_SIZE);
            long free = number(h, FREE_PAGES);
            long used = number(h, PAGES) - free;
            long reserve = Math.max(RESERVE_BYTES, used * pageSize / 8) / pageSize;
            long excess = free - reserve;
            if (excess <= 0) return 0L;
            long steps = Math.max(1, Math.min(excess, maxBytes / pageSize) / VACUUM_STEP_PAGES);
            for (long i = 0; i < steps; i++) vacuumStep(h);
            return (free - number(h, FREE_PAGES)) * pageSize;
        });
    }

    /** One vacuum step, run to its end: the driver's prepared statements would step it once, freeing one page. */
    private static void vacuumStep(Handle h) {
        try (Statement s = h.getConnection().createStatement()) {
            s.executeUpdate(VACUUM_STEP);
        } catch (SQLException e) {
            throw new StoreException("incremental vacuum failed: " + e.getMessage(), e);
        }
    }

    private static long number(Handle h, String pragma) {
        return Jdbc.RUN.query(h, pragma, rs -> rs.getLong(1)).get(0);
    }
}
