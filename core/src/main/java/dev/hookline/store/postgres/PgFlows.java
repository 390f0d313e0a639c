package dev.hookline.store.postgres;

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
 * Call flows and their tracking numbers in PostgreSQL. A number is taken with an insert that
 * yields to an existing owner, so two hubs saving flows with the same number at once cannot both
 * get it. Every change is announced to the other hubs (they cache flows).
 */
final class PgFlows implements FlowStore {
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
    /** A deleted flow's pending deliveries end, waiting or in flight (an attempt in flight may still turn it into a success). */
    private static final String END_PENDING = "UPDATE deliveries SET status = 'failed', version = version + 1, next_attempt_at = NULL, "
            + "completed_at = ?, last_error = ? WHERE status = 'pending' AND business_id = ? AND call_flow_id = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM call_flows WHERE id = ? AND business_id = ?";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String LIST = "SELECT " + COLUMNS + " FROM call_flows WHERE business_id = ? ORDER BY created_at, id";
    private static final String FLOW_OF_NUMBER = "SELECT call_flow_id FROM tracking_numbers WHERE business_id = ? AND number = ?";
    private static final String NUMBERS = "SELECT call_flow_id, number FROM tracking_numbers WHERE business_id = ? "
            + "ORDER BY call_flow_id, position";
    private static final String NUMBERS_OF = "SELECT number FROM tracking_numbers WHERE business_id = ? AND call_flow_id = ? ORDER BY position";
    private static final String CLEAR_NUMBERS = "DELETE FROM tracking_numbers WHERE business_id = ? AND call_flow_id = ?";
    private static final String TAKE_NUMBER = "INSERT INTO tracking_numbers(business_id, number, call_flow_id, position) VALUES (?,?,?,?) "
            + "ON CONFLICT (business_id, number) DO NOTHING";

    private final PgDatabase db;
    private final Codec codec;

    PgFlows(PgDatabase db, Codec codec) {
        this.db = db;
        this.codec = codec;
    }

    @Override
    public void create(CallFlow f) {
        db.write(h -> {
            PostCallWebhook w = f.postCallWebhook();
            PgJdbc.update(h, INSERT, f.id(), f.businessId(), f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(),
                    codec.settingsText(w.settings()), f.signingSecret(), codec.stepsText(f.steps()), f.createdAt(), f.updatedAt(),
                    codec.settingsText(w.options().headers()), events(w.options()), filter(w.options()));
            takeNumbers(h, f);
            db.flowsChanged();
            return null;
        });
    }

    @Override
    public Optional<CallFlow> replace(String businessId, String id, UnaryOperator<CallFlow> change) {
        return db.write(h -> load(h, LOCK, businessId, id).map(old -> {
            CallFlow f = change.apply(old);
            PostCallWebhook w = f.postCallWebhook();
            PgJdbc.update(h, CLEAR_NUMBERS, businessId, id);
            takeNumbers(h, f);
            PgJdbc.update(h, UPDATE, f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(), codec.settingsText(w.settings()),
                    f.signingSecret(), codec.stepsText(f.steps()), f.updatedAt(), codec.settingsText(w.options().headers()), events(w.options()),
                    filter(w.options()), id, businessId);
            db.flowsChanged();
            return f;
        }));
    }

    private static void takeNumbers(Handle h, CallFlow f) {
        List<String> numbers = f.trackingNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            if (PgJdbc.update(h, TAKE_NUMBER, f.businessId(), numbers.get(i), f.id(), i) == 1) continue;
            Optional<String> owner = PgJdbc.first(h, FLOW_OF_NUMBER, rs -> rs.getString(1), f.businessId(), numbers.get(i));
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
            boolean deleted = PgJdbc.update(h, DELETE, id, businessId) > 0;
            if (deleted) {
                PgJdbc.update(h, END_PENDING, now, FLOW_DELETED, businessId, id);
                db.flowsChanged();
            }
            return deleted;
        });
    }

    @Override
    public Optional<CallFlow> find(String businessId, String id) {
        return db.readConsistent(h -> load(h, FIND, businessId, id));
    }

    private Optional<CallFlow> load(Handle h, String sql, String businessId, String id) {
        return PgJdbc.first(h, sql, this::row, id, businessId)
                .map(f -> withNumbers(f, PgJdbc.query(h, NUMBERS_OF, rs -> rs.getString(1), businessId, id)));
    }

    @Override
    public List<CallFlow> list(String businessId) {
        return db.readConsistent(h -> {
            Map<String, List<String>> numbers = new LinkedHashMap<>();
            PgJdbc.query(h, NUMBERS, rs -> numbers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)), businessId);
            return PgJdbc.query(h, LIST, this::row, businessId).stream()
                    .map(f -> withNumbers(f, numbers.getOrDefault(f.id(), List.of()))).toList();
        });
    }

    @Override
    public Optional<String> flowIdForNumber(String businessId, String number) {
        return db.read(h -> PgJdbc.first(h, FLOW_OF_NUMBER, rs -> rs.getString(1), businessId, number));
    }

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
        return db.read(h -> PgJdbc.first(h, SECRETS, rs -> new Secrets(rs.getString(1), rs.getString(2), PgJdbc.nullableLong(rs, 3)), flowId, businessId));
    }

    @Override
    public boolean rotate(String businessId, String flowId, String secret, long previousExpiresAt, long now) {
        return db.write(h -> {
            int changed = PgJdbc.update(h, ROTATE, previousExpiresAt, secret, now, flowId, businessId);
            if (changed > 0) db.flowsChanged();
            return changed;
        }) > 0;
    }
}
