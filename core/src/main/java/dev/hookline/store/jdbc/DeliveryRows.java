package dev.hookline.store.jdbc;

import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.model.Endpoint;
import dev.hookline.store.DeliveryStore.Logged;
import dev.hookline.store.DeliveryStore.Recovered;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** What both dialects' delivery stores share: the columns a delivery is read and written in, the statements run as written, and the reads by id. */
public final class DeliveryRows {
    /** A delivery's columns, in the order of {@link #row} and {@link #values}. */
    public static final String COLUMNS = "delivery_id, business_id, call_id, call_flow_id, call_flow_name, event, url, host, connector, "
            + "connector_settings, signing_secret, status, test, redelivery_of, attempts, max_attempts, wait_for_ai, claimed_by, version, "
            + "created_at, next_attempt_at, completed_at, last_error, headers, message_id, ai_filter";
    public static final String FIND = "SELECT " + COLUMNS + " FROM deliveries WHERE delivery_id = ? AND business_id = ?";
    public static final String ATTEMPTS = "SELECT delivery_id, attempt, sent_at, status_code, duration_ms, error, response_body "
            + "FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt";
    public static final String BACKLOG = "SELECT count(*), min(next_attempt_at) FROM deliveries WHERE status = 'pending' "
            + "AND claimed_by IS NULL AND next_attempt_at <= ?";

    private DeliveryRows() {}

    /** The delivery's {@link #COLUMNS} values, with {@code extra} trailing slots left for the dialect's own columns. */
    public static Object[] values(Delivery d, int extra) {
        Endpoint e = d.endpoint();
        Object[] v = {d.deliveryId(), d.businessId(), d.callId(), d.callFlowId(), d.callFlowName(), d.event(), e.url(), e.host(),
                e.connector(), e.settings(), e.signingSecret(), d.status().wire(), d.test(), d.redeliveryOf(), d.attempts(),
                d.maxAttempts(), d.waitForAi(), d.claimedBy(), d.version(), d.createdAt(), d.nextAttemptAt(), d.completedAt(),
                d.lastError(), e.headers(), d.messageId(), d.aiFilter()};
        return extra == 0 ? v : Arrays.copyOf(v, v.length + extra);
    }

    /** A row of {@link #COLUMNS}. */
    public static Delivery row(ResultSet rs) throws SQLException {
        Endpoint e = new Endpoint(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(24));
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), e,
                DeliveryStatus.fromWire(rs.getString(12)), rs.getBoolean(13), rs.getString(14), rs.getInt(15), rs.getInt(16),
                rs.getBoolean(17), rs.getString(18), rs.getInt(19), rs.getLong(20), JdbcRunner.nullableLong(rs, 21),
                JdbcRunner.nullableLong(rs, 22), rs.getString(23), rs.getString(25), rs.getString(26));
    }

    /** A row of {@link #ATTEMPTS}. */
    public static Attempt attempt(ResultSet rs) throws SQLException {
        Integer status = rs.getInt(4);
        if (rs.wasNull()) status = null;
        return new Attempt(rs.getString(1), rs.getInt(2), rs.getLong(3), status, JdbcRunner.nullableLong(rs, 5), rs.getString(6), rs.getString(7));
    }

    /** A business's delivery by id. */
    public static Optional<Delivery> find(Transactions db, JdbcRunner run, String businessId, String deliveryId) {
        return db.read(h -> run.first(h, FIND, DeliveryRows::row, deliveryId, businessId));
    }

    /** A business's delivery and its attempts, read on one snapshot. */
    public static Optional<Logged> findLogged(Transactions db, JdbcRunner run, String businessId, String deliveryId) {
        return db.readConsistent(h -> run.first(h, FIND, DeliveryRows::row, deliveryId, businessId)
                .map(d -> new Logged(d, run.query(h, ATTEMPTS, DeliveryRows::attempt, deliveryId))));
    }

    /** Redeliveries of the first {@code limit} of {@code failed} (read with one more, to tell whether more remain), each handed to {@code insert}. */
    public static Recovered redeliver(List<Delivery> failed, int limit, Function<Delivery, Delivery> redelivery, Consumer<Delivery> insert) {
        List<Delivery> written = new ArrayList<>();
        for (Delivery d : failed.subList(0, Math.min(limit, failed.size()))) {
            Delivery again = redelivery.apply(d);
            if (again == null) continue;
            insert.accept(again);
            written.add(again);
        }
        return new Recovered(written, failed.size() > limit);
    }
}
