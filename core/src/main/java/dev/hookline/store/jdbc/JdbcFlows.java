package dev.hookline.store.jdbc;

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
 * Call flows and their tracking numbers, in the statements of a dialect; steps, connector settings
 * and the webhook's headers, events and filter kept as JSON text. A number is taken with an insert
 * that yields to an existing owner, so two writers saving flows with the same number cannot both
 * get it. Deleting a flow ends its pending deliveries. {@link #flowsChanged} tells other hubs.
 */
public class JdbcFlows implements FlowStore {
    // statements both dialects run as written
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
    private static final String FIND = "SELECT " + COLUMNS + " FROM call_flows WHERE id = ? AND business_id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM call_flows WHERE business_id = ? ORDER BY created_at, id";
    private static final String FLOW_OF_NUMBER = "SELECT call_flow_id FROM tracking_numbers WHERE business_id = ? AND number = ?";
    private static final String NUMBERS = "SELECT call_flow_id, number FROM tracking_numbers WHERE business_id = ? "
            + "ORDER BY call_flow_id, position";
    private static final String NUMBERS_OF = "SELECT number FROM tracking_numbers WHERE business_id = ? AND call_flow_id = ? ORDER BY position";
    private static final String CLEAR_NUMBERS = "DELETE FROM tracking_numbers WHERE business_id = ? AND call_flow_id = ?";
    private static final String TAKE_NUMBER = "INSERT INTO tracking_numbers(business_id, number, call_flow_id, position) VALUES (?,?,?,?) "
            + "ON CONFLICT (business_id, number) DO NOTHING";

    /**
     * The dialect's statements; flows are read in the columns of {@link #row}. {@code lock} finds a
     * flow to replace (it may lock the row); {@code endPending} end a deleted flow's pending deliveries.
     */
    public record Statements(String insert, String update, String secrets, String rotate, String delete, List<String> endPending,
                             String find, String lock, String list, String flowOfNumber, String numbers, String numbersOf,
                             String clearNumbers, String takeNumber) {

        /** Every statement as both dialects run it, but for those ending a deleted flow's deliveries and the lock's suffix. */
        public static Statements common(List<String> endPending, String lockSuffix) {
            return new Statements(INSERT, UPDATE, SECRETS, ROTATE, DELETE, endPending, FIND, FIND + lockSuffix, LIST, FLOW_OF_NUMBER,
                    NUMBERS, NUMBERS_OF, CLEAR_NUMBERS, TAKE_NUMBER);
        }
    }

    private final Transactions db;
    private final JdbcRunner jdbc;
    private final Codec codec;
    private final Statements sql;

    protected JdbcFlows(Transactions db, JdbcRunner jdbc, Codec codec, Statements sql) {
        this.db = db;
        this.jdbc = jdbc;
        this.codec = codec;
        this.sql = sql;
    }

    /** A write of the current batch changed call flows (where hubs share the database, the others hear of it at the commit). */
    protected void flowsChanged() {}

    @Override
    public void create(CallFlow f) {
        db.write(h -> {
            PostCallWebhook w = f.postCallWebhook();
            jdbc.update(h, sql.insert(), f.id(), f.businessId(), f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(),
                    codec.settingsText(w.settings()), f.signingSecret(), codec.stepsText(f.steps()), f.createdAt(), f.updatedAt(),
                    codec.settingsText(w.options().headers()), events(w.options()), filter(w.options()));
            takeNumbers(h, f);
            flowsChanged();
            return null;
        });
    }

    @Override
    public Optional<CallFlow> replace(String businessId, String id, UnaryOperator<CallFlow> change) {
        return db.write(h -> load(h, sql.lock(), businessId, id).map(old -> {
            CallFlow f = change.apply(old);
            PostCallWebhook w = f.postCallWebhook();
            jdbc.update(h, sql.clearNumbers(), businessId, id);
            takeNumbers(h, f);
            jdbc.update(h, sql.update(), f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(), codec.settingsText(w.settings()),
                    f.signingSecret(), codec.stepsText(f.steps()), f.updatedAt(), codec.settingsText(w.options().headers()), events(w.options()),
                    filter(w.options()), id, businessId);
            flowsChanged();
            return f;
        }));
    }

    private void takeNumbers(Handle h, CallFlow f) {
        List<String> numbers = f.trackingNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            if (jdbc.update(h, sql.takeNumber(), f.businessId(), numbers.get(i), f.id(), i) == 1) continue;
            Optional<String> owner = jdbc.first(h, sql.flowOfNumber(), rs -> rs.getString(1), f.businessId(), numbers.get(i));
            if (owner.isPresent() && !owner.get().equals(f.id())) throw new NumberTakenException(i, numbers.get(i), owner.get());
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
            if (jdbc.update(h, sql.delete(), id, businessId) == 0) return false;
            for (String end : sql.endPending()) jdbc.update(h, end, now, FLOW_DELETED, businessId, id);
            flowsChanged();
            return true;
        });
    }

    @Override
    public Optional<CallFlow> find(String businessId, String id) {
        return db.readConsistent(h -> load(h, sql.find(), businessId, id));
    }

    private Optional<CallFlow> load(Handle h, String statement, String businessId, String id) {
        return jdbc.first(h, statement, this::row, id, businessId)
                .map(f -> withNumbers(f, jdbc.query(h, sql.numbersOf(), rs -> rs.getString(1), businessId, id)));
    }

    @Override
    public List<CallFlow> list(String businessId) {
        return db.readConsistent(h -> {
            Map<String, List<String>> numbers = new LinkedHashMap<>();
            jdbc.query(h, sql.numbers(), rs -> numbers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)), businessId);
            return jdbc.query(h, sql.list(), this::row, businessId).stream()
                    .map(f -> withNumbers(f, numbers.getOrDefault(f.id(), List.of()))).toList();
        });
    }

    @Override
    public Optional<String> flowIdForNumber(String businessId, String number) {
        return db.read(h -> jdbc.first(h, sql.flowOfNumber(), rs -> rs.getString(1), businessId, number));
    }

    /**
     * A row of id, business_id, name, webhook_enabled, webhook_url, firing_mode, connector, connector_settings,
     * signing_secret, steps, created_at, updated_at, webhook_headers, webhook_events, webhook_filter (no numbers yet).
     */
    private CallFlow row(ResultSet rs) throws SQLException {
        String events = rs.getString(14);
        String filter = rs.getString(15);
        WebhookOptions options = new WebhookOptions(codec.settings(rs.getString(13)), events == null ? null : codec.strings(events),
                filter == null ? CallFilter.NONE : CallFilter.fromView(codec.fields(filter)));
        PostCallWebhook w = new PostCallWebhook(rs.getBoolean(4), rs.getString(5), FiringMode.fromWire(rs.getString(6)), rs.getString(7),
                codec.settings(rs.getString(8)), options);
        return new CallFlow(rs.getString(1), rs.getString(2), rs.getString(3), List.of(), w, codec.steps(rs.getString(10)),
                rs.getString(9), rs.getLong(11), rs.getLong(12));
    }

    private static CallFlow withNumbers(CallFlow f, List<String> numbers) {
        return new CallFlow(f.id(), f.businessId(), f.name(), numbers, f.postCallWebhook(), f.steps(), f.signingSecret(), f.createdAt(),
                f.updatedAt());
    }

    @Override
    public Optional<Secrets> secrets(String businessId, String flowId) {
        return db.read(h -> jdbc.first(h, sql.secrets(), rs -> new Secrets(rs.getString(1), rs.getString(2), JdbcRunner.nullableLong(rs, 3)),
                flowId, businessId));
    }

    @Override
    public boolean rotate(String businessId, String flowId, String secret, long previousExpiresAt, long now) {
        return db.write(h -> {
            int changed = jdbc.update(h, sql.rotate(), previousExpiresAt, secret, now, flowId, businessId);
            if (changed > 0) flowsChanged();
            return changed;
        }) > 0;
    }
}
