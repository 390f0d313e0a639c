package dev.hookline.store.postgres;

import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.StoreMetrics;
import dev.hookline.store.CallStore;
import dev.hookline.store.Codec;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.FlowStore;
import dev.hookline.store.InsightStore;
import dev.hookline.store.KeyStore;
import dev.hookline.store.RetentionStore;
import dev.hookline.store.Store;
import dev.hookline.store.TraceStore;
import dev.hookline.store.TwilioStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The shared store: one PostgreSQL database (or schema) for several hubs. Deliveries are claimed
 * with leases ({@link PgClaims}), the hubs wake one another with {@code LISTEN/NOTIFY}
 * ({@link PgListener}), and the schema upgrades itself on start, one hub at a time. Thread-safe.
 */
public final class PostgresStore implements Store {
    private final PgDatabase db;
    private final PgDeliveries deliveries;
    private final PgCalls calls;
    private final PgFlows flows;
    private final PgTraces traces;
    private final PgKeys keys;
    private final RetentionStore retention;
    private final InsightStore insights;
    private final TwilioStore twilio;

    private PostgresStore(PgDatabase db, Codec codec, Leasing leasing) {
        this.db = db;
        this.deliveries = new PgDeliveries(db, leasing);
        this.calls = new PgCalls(db, codec, deliveries);
        this.flows = new PgFlows(db, codec);
        this.traces = new PgTraces(db);
        this.keys = new PgKeys(db);
        this.retention = new PgRetention(db);
        this.insights = new PgInsights(db);
        this.twilio = new PgTwilio(db);
    }

    /**
     * Connects to {@code url} ({@code postgresql://user:pass@host:port/db}, or the {@code jdbc:postgresql:}
     * form), upgrades the schema, and starts listening. A claim made through this store holds for
     * {@code lease} from {@code clock}'s now.
     */
    public static PostgresStore open(String url, Codec codec, Clock clock, Duration lease) {
        return open(url, codec, clock, lease, Metrics.disabled().store());
    }

    /** As above, the writer reporting to {@code metrics} as SQLite's does ({@code hookline_store_write_*}). */
    public static PostgresStore open(String url, Codec codec, Clock clock, Duration lease, StoreMetrics metrics) {
        return new PostgresStore(PgDatabase.open(PgUrl.parse(url), metrics), codec, new Leasing(clock, lease));
    }

    @Override
    public CallStore calls() {
        return calls;
    }

    @Override
    public FlowStore flows() {
        return flows;
    }

    @Override
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public TraceStore traces() {
        return traces;
    }

    @Override
    public TwilioStore twilio() {
        return twilio;
    }

    @Override
    public InsightStore insights() {
        return insights;
    }

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    /** The database's address without its password. */
    @Override
    public String description() {
        return "PostgreSQL " + db.shown();
    }

    @Override
    public int schemaVersion() {
        return db.schemaVersion();
    }

    @Override
    public boolean healthy() {
        return db.healthy();
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void onDueElsewhere(LongConsumer listener) {
        db.listener().onDue(listener);
    }

    @Override
    public void onFlowsChangedElsewhere(Runnable listener) {
        db.listener().onFlows(listener);
    }

    /** Announcements heard from other hubs (tests). */
    public long announcementsHeard() {
        return db.listener().heard();
    }

    @Override
    public void close() {
        db.close();
    }
}
