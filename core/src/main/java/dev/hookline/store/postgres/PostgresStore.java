package dev.hookline.store.postgres;

import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.StoreMetrics;
import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The shared store: one PostgreSQL database (or schema) for several hubs. Deliveries are claimed
 * with leases ({@link PgClaims}), the hubs wake one another with {@code LISTEN/NOTIFY}
 * ({@link PgListener}), and the schema upgrades itself on start, one hub at a time. Thread-safe.
 */
public final class PostgresStore extends JdbcStore {
    private final PgDatabase db;

    private PostgresStore(PgDatabase db, Codec codec, PgDeliveries deliveries) {
        super(db, new PgCalls(db, codec, deliveries), new PgFlows(db, codec), deliveries, new PgTraces(db), new PgKeys(db), new PgTwilio(db),
                new PgInsights(db), new PgRetention(db));
        this.db = db;
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
        PgDatabase db = PgDatabase.open(PgUrl.parse(url), metrics);
        return new PostgresStore(db, codec, new PgDeliveries(db, new Leasing(clock, lease)));
    }

    /** The database's address without its password. */
    @Override
    public String description() {
        return "PostgreSQL " + db.shown();
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
}
