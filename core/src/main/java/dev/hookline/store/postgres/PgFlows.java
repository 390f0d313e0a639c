package dev.hookline.store.postgres;

import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcFlows;
import java.util.List;

/**
 * Call flows and their tracking numbers in PostgreSQL: a flow to replace is locked, and every change
 * is announced to the other hubs (they cache flows).
 */
final class PgFlows extends JdbcFlows {
    /** A deleted flow's pending deliveries end, waiting or in flight (an attempt in flight may still turn it into a success). */
    private static final String END_PENDING = "UPDATE deliveries SET status = 'failed', version = version + 1, next_attempt_at = NULL, "
            + "completed_at = ?, last_error = ? WHERE status = 'pending' AND business_id = ? AND call_flow_id = ?";

    private final PgDatabase db;

    PgFlows(PgDatabase db, Codec codec) {
        super(db, PgJdbc.RUN, codec, Statements.common(List.of(END_PENDING), " FOR UPDATE"));
        this.db = db;
    }

    @Override
    protected void flowsChanged() {
        db.flowsChanged();
    }
}
