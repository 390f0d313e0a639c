package dev.hookline.store.sqlite;

import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcFlows;
import java.util.List;

/** Call flows and their tracking numbers in SQLite: a deleted flow's pending deliveries are ended through the index that finds them. */
final class SqliteFlows extends JdbcFlows {
    /** A deleted flow's pending deliveries end; waiting ones are found through the due index, those in flight through the claim index. */
    private static final String END_WAITING = "UPDATE deliveries INDEXED BY deliveries_due_host SET status = 'failed', version = version + 1, "
            + "next_attempt_at = NULL, completed_at = ?1, last_error = ?2 WHERE status = 'pending' AND claimed_by IS NULL "
            + "AND next_attempt_at IS NOT NULL AND business_id = ?3 AND call_flow_id = ?4";
    private static final String END_IN_FLIGHT = "UPDATE deliveries INDEXED BY deliveries_claimed SET status = 'failed', version = version + 1, "
            + "next_attempt_at = NULL, completed_at = ?1, last_error = ?2 WHERE claimed_by IS NOT NULL AND status = 'pending' "
            + "AND business_id = ?3 AND call_flow_id = ?4";

    SqliteFlows(Database db, Codec codec) {
        super(db, Jdbc.RUN, codec, Statements.common(List.of(END_WAITING, END_IN_FLIGHT), ""));
    }
}
