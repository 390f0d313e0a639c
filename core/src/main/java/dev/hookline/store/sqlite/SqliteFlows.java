package dev.hookline.store.sqlite;

import dev.hookline.model.CallFilter;
import dev.hookline.model.CallFlow;
import dev.hookline.model.FiringMode;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.WebhookOptions;
import dev.hookline.store.Codec;
import dev.hookline.store.FlowStore;
import dev.hookline.store.NumberTakenException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * Call flows and their tracking numbers in SQLite; steps, connector settings and the webhook's
 * headers, events and filter kept as JSON text. Deleting a flow ends its pending deliveries.
 */
final class SqliteFlows implements FlowStore {
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
    private static final String INSERT_NUMBER = "INSERT INTO tracking_numbers(business_id, number, call_flow_id, position) VALUES (?,?,?,?)";

    private final Database db;
    private final Codec codec;

    SqliteFlows(Database db, Codec codec) {
        this.db = db;
        this.codec = codec;
    }

    @Override
    public void create(CallFlow f) {
        db.write(h -> {
            PostCallWebhook w = f.postCallWebhook();
            Jdbc.update(h, INSERT, f.id(), f.businessId(), f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(),
                    codec.settingsText(w.settings()), f.signingSecret(), codec.stepsText(f.steps()), f.createdAt(), f.updatedAt(),
                    codec.settingsText(w.options().headers()), events(w.options()), filter(w.options()));
            claimNumbers(h, f);
            return null;
        });
    }

    @Override
    public Optional<CallFlow> replace(String businessId, String id, UnaryOperator<CallFlow> change) {
        return db.write(h -> load(h, businessId, id).map(old -> {
            CallFlow f = change.apply(old);
            PostCallWebhook w = f.postCallWebhook();
            Jdbc.update(h, CLEAR_NUMBERS, businessId, id);
            claimNumbers(h, f);
            Jdbc.update(h, UPDATE, f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(), codec.settingsText(w.settings()),
                    f.signingSecret(), codec.stepsText(f.steps()), f.updatedAt(), codec.settingsText(w.options().headers()), events(w.options()),
                    filter(w.options()), id, businessId);
            return f;
        }));
    }

    private static void claimNumbers(Handle h, CallFlow f) {
        List<String> numbers = f.trackingNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            Optional<String> owner = Jdbc.first(h, FLOW_OF_NUMBER, rs -> rs.getString(1), f.businessId(), numbers.get(i));
            if (owner.isPresent() && !owner.get().equals(f.id())) throw new NumberTakenException(i, numbers.get(i), owner.get());
            Jdbc.update(h, INSERT_NUMBER, f.businessId(), numbers.get(i), f.id(), i);
        }
    }

    private String events(WebhookOptions o) {
        return o.events() == null ? null : codec.write(o.events());
    }

    private String filter(WebhookOptions o) {
        return o.filter().isEmpty() ? null : codec.write(o.filter().view());
    }

    @Override
    public boolean delete(String businessId, String id, long now) {
        return db.write(h -> {
            if (Jdbc.update(h, DELETE, id, businessId) == 0) return false;
            Jdbc.update(h, END_WAITING, now, FLOW_DELETED, businessId, id);
            Jdbc.update(h, END_IN_FLIGHT, now, FLOW_DELETED, businessId, id);
            return true;
        });
    }

    @Override
    public Optional<CallFlow> find(String businessId, String id) {
        return db.read(h -> load(h, businessId, id));
    }

    private Optional<CallFlow> load(Handle h, String businessId, String id) {
        return Jdbc.first(h, FIND, rs -> row(rs, null), id, businessId)
                .map(f -> withNumbers(f, Jdbc.query(h, NUMBERS_OF, rs -> rs.getString(1), businessId, id)));
    }

    @Override
    public List<CallFlow> list(String businessId) {
        return db.readConsistent(h -> {
            Map<String, List<String>> numbers = new LinkedHashMap<>();
            Jdbc.query(h, NUMBERS, rs -> numbers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)), businessId);
            return Jdbc.query(h, LIST, rs -> row(rs, null), businessId).stream()
                    .map(f -> withNumbers(f, numbers.getOrDefault(f.id(), List.of()))).toList();
        });
    }

    @Override
    public Optional<String> flowIdForNumber(String businessId, String number) {
        return db.read(h -> Jdbc.first(h, FLOW_OF_NUMBER, rs -> rs.getString(1), businessId, number));
    }

    private CallFlow row(ResultSet rs, List<String> numbers) throws SQLException {
        String events = rs.getString(14);
        String filter = rs.getString(15);
        WebhookOptions options = new WebhookOptions(codec.settings(rs.getString(13)), events == null ? null : codec.strings(events),
                filter == null ? CallFilter.NONE : CallFilter.fromView(codec.fields(filter)));
        PostCallWebhook w = new PostCallWebhook(rs.getInt(4) != 0, rs.getString(5), FiringMode.fromWire(rs.getString(6)), rs.getString(7),
                codec.settings(rs.getString(8)), options);
        return new CallFlow(rs.getString(1), rs.getString(2), rs.getString(3), numbers == null ? List.of() : numbers, w,
                codec.steps(rs.getString(10)), rs.getString(9), rs.getLong(11), rs.getLong(12));
    }

    private static CallFlow withNumbers(CallFlow f, List<String> numbers) {
        return new CallFlow(f.id(), f.businessId(), f.name(), numbers, f.postCallWebhook(), f.steps(), f.signingSecret(), f.createdAt(),
                f.updatedAt());
    }

    @Override
    public Optional<Secrets> secrets(String businessId, String flowId) {
        return db.read(h -> Jdbc.first(h, SECRETS, rs -> new Secrets(rs.getString(1), rs.getString(2), Jdbc.nullableLong(rs, 3)), flowId, businessId));
    }

    @Override
    public boolean rotate(String businessId, String flowId, String secret, long previousExpiresAt, long now) {
        return db.write(h -> Jdbc.update(h, ROTATE, previousExpiresAt, secret, now, flowId, businessId)) > 0;
    }
}
