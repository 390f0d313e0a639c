package dev.hookline.store.sqlite;

import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcFlows;
import java.util.List;

/** Call flows and their tracking numbers in SQLite: a deleted flow's pending deliveries are ended through the index that finds them. */
final class SqliteFlows extends JdbcFlows {
    private static final String COLUMNS = "id, business_id, name, webhook_enabled, webhook_url, firing_mode, connector, connector_settings, "
            + "signing_secret, steps, created_at, updated_at, webhook_headers, webhook_events, webhook_filter";
    private static final String INSERT = "INSERT INTO call_flows(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String UPDATE = "UPDATE call_flows SET name = ?, webhook_enabled = ?, webhook_url = ?, firing_mode = ?, "
            + "connector = ?, connector_settings = ?, signing_secret = ?, steps = ?, updated_at = ?, webhook_headers = ?, webhook_events = ?, "
            + "webhook_filter = ? WHERE id = ? AND business_id = ?";
    private static final String SECRETS = "SELECT signing_secret, previous_secret, previous_secret_expires_at FROM call_flows "
            + "WHERE id = ? AND business_id = ?";
    private static final String ROTATE = "UPDATE call_flows SET previous_secret = signing_secret, previous_secret_expires_at = ?, "
            + "signing_secret = ?, updated_at = ? WHERE id = ? AND business_id = ?";
    private static final String DELETE = "DELETE FROM call_flows WHERE id = ? AND business_id = ?";
    /** A deleted flow's pending deliveries end; waiting ones are found through the due index, those in flight through the claim index. */
    private static final String END_WAITING = "UPDATE deliveries INDEXED BY deliveries_due_host SET status = 'failed', version = version + 1, "
            + "next_attempt_at = NULL, completed_at = ?1, last_error = ?2 WHERE status = 'pending' AND claimed_by IS NULL "
            + "AND next_attempt_at IS NOT NULL AND business_id = ?3 AND call_flow_id = ?4";
    private static final String END_IN_FLIGHT = "UPDATE deliveries INDEXED BY deliveries_claimed SET status = 'failed', version = version + 1, "
            + "next_attempt_at = NULL, completed_at = ?1, last_error = ?2 WHERE claimed_by IS NOT NULL AND status = 'pending' "
            + "AND business_id = ?3 AND call_flow_id = ?4";
    private static final String FIND = "SELECT " + COLUMNS + " FROM call_flows WHERE id = ? AND business_id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM call_flows WHERE business_id = ? ORDER BY created_at, id";
    private static final String FLOW_OF_NUMBER = "SELECT call_flow_id FROM tracking_numbers WHERE business_id = ? AND number = ?";
    private static final String NUMBERS = "SELECT call_flow_id, number FROM tracking_numbers WHERE business_id = ? "
            + "ORDER BY call_flow_id, position";
    private static final String NUMBERS_OF = "SELECT number FROM tracking_numbers WHERE business_id = ? AND call_flow_id = ? ORDER BY position";
    private static final String CLEAR_NUMBERS = "DELETE FROM tracking_numbers WHERE business_id = ? AND call_flow_id = ?";
    private static final String TAKE_NUMBER = "INSERT INTO tracking_numbers(business_id, number, call_flow_id, position) VALUES (?,?,?,?) "
            + "ON CONFLICT(business_id, number) DO NOTHING";

    SqliteFlows(Database db, Codec codec) {
        super(db, Jdbc.RUN, codec, new Statements(INSERT, UPDATE, SECRETS, ROTATE, DELETE, List.of(END_WAITING, END_IN_FLIGHT), FIND, FIND,
                LIST, FLOW_OF_NUMBER, NUMBERS, NUMBERS_OF, CLEAR_NUMBERS, TAKE_NUMBER));
    }
}
