package dev.hookline.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.StoreMetrics;
import dev.hookline.store.BatchWriter;
import dev.hookline.store.StatementMessages;
import dev.hookline.store.StoreException;
import dev.hookline.store.StoreUnavailableException;
import dev.hookline.store.jdbc.JdbcDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub's connections to the shared PostgreSQL database: a bounded pool for reads and claims
 * (waiting at most {@link #CONNECTION_WAIT_MS} for a connection, then 503), one connection for the
 * {@link BatchWriter} (group commit, as with SQLite), and one listening connection. Every
 * statement is bounded in time (statement, lock and socket time-outs), so a request meets a slow
 * or unreachable database with a 503, never a hang. Writes note what they made due; the batch
 * announces it with one {@code NOTIFY} in its own transaction, so other hubs hear of it only once
 * it is committed. Thread-safe.
 */
final class PgDatabase implements JdbcDatabase {
    private static final Logger log = LoggerFactory.getLogger(PgDatabase.class);
    /** Connections for reads and claims; with the writer's and the listener's, a hub holds this plus two. */
    static final int READ_POOL = 8;
    static final long CONNECTION_WAIT_MS = 2_000;
    static final int WRITE_QUEUE = 20_000;
    static final Duration WRITE_WAIT = Duration.ofSeconds(10);
    private static final String TIMEOUTS = "-c statement_timeout=10000 -c lock_timeout=5000 -c idle_in_transaction_session_timeout=60000";
    private static final long NONE = Long.MAX_VALUE;
    private static final String NOTIFY = "SELECT pg_notify(?, ?)";

    private final PgUrl url;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();
    private final HikariDataSource reads;
    private final HikariDataSource writes;
    private final Jdbi readJdbi;
    private final BatchWriter writer;
    private final PgListener listener;
    /** The soonest due time the writer's current batch made (NONE: none), and whether it changed flows. */
    private final AtomicLong batchDue = new AtomicLong(NONE);
    private volatile boolean batchFlows;
    private volatile long probedAt;
    /** A read just failed for want of the database: the next {@link #healthy} probes at once. */
    private volatile boolean probeNow = true;
    private volatile boolean probeOk = true;

    private PgDatabase(PgUrl url, String schema, StoreMetrics metrics) {
        this.url = url;
        this.channel = "hookline_" + schema.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
        this.reads = pool(url, "hookline-reads", READ_POOL);
        this.writes = pool(url, "hookline-writer", 1);
        this.readJdbi = Jdbi.create(reads);
        StatementMessages.withoutArguments(readJdbi);
        Jdbi writeJdbi = Jdbi.create(writes);
        StatementMessages.withoutArguments(writeJdbi);
        this.writer = new BatchWriter("hookline-store-writer", writeJdbi, new Hooks(), WRITE_QUEUE, WRITE_WAIT, metrics);
        this.listener = new PgListener(() -> connect(url, 15), channel, origin);
    }

    /** As below, reporting to no metrics. */
    static PgDatabase open(PgUrl url) {
        return open(url, Metrics.disabled().store());
    }

    /**
     * Connects, brings the schema up to date (one hub at a time), then opens the pools and starts
     * the writer (its batches, writes, failures and queue reported to {@code metrics}) and the listener.
     */
    static PgDatabase open(PgUrl url, StoreMetrics metrics) {
        String schema;
        try (Connection c = connect(url, 0)) {
            schema = PgMigrations.apply(c);
        } catch (SQLException e) {
            throw new StoreException("cannot open the PostgreSQL store at " + url.shown() + ": " + e.getMessage(), e);
        }
        PgDatabase db = new PgDatabase(url, schema, metrics);
        db.writer.start();
        db.listener.start();
        return db;
    }

    private static Connection connect(PgUrl url, int socketTimeoutSeconds) throws SQLException {
        Properties p = url.credentials();
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "hookline");
        return DriverManager.getConnection(url.jdbcUrl(), p);
    }

    private static HikariDataSource pool(PgUrl url, String name, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) c.setUsername(url.user());
        if (url.password() != null) c.setPassword(url.password());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(2, size));
        c.setConnectionTimeout(CONNECTION_WAIT_MS);
        c.setValidationTimeout(1_000);
        c.setInitializationFailTimeout(-1); // the database was reached for the migrations; a later outage is a 503, not a failed start
        c.addDataSourceProperty("connectTimeout", "3");
        c.addDataSourceProperty("socketTimeout", "15");
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("ApplicationName", "hookline");
        c.addDataSourceProperty("options", TIMEOUTS);
        return new HikariDataSource(c);
    }

    String shown() {
        return url.shown();
    }

    /** A read on a pooled connection; an unusable database answers {@link StoreUnavailableException}. */
    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        try {
            return readJdbi.withHandle(work);
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    /** Several reads on one snapshot (REPEATABLE READ: under READ COMMITTED each statement would see the latest commits). */
    @Override
    public <T> T readConsistent(HandleCallback<T, RuntimeException> work) {
        try {
            return readJdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, work);
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    /** A short transaction of its own on a pooled connection (reads on one snapshot, claims). */
    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        try {
            return readJdbi.inTransaction(work);
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    @Override
    public BatchWriter writer() {
        return writer;
    }

    /** A write of the current batch made a delivery due at {@code at}: other hubs hear of it when the batch commits. */
    void dueAt(long at) {
        batchDue.accumulateAndGet(at, Math::min);
    }

    /** A write of the current batch changed call flows. */
    void flowsChanged() {
        batchFlows = true;
    }

    /** Announces in {@code h}'s transaction (so at its commit) that deliveries are due at {@code at}. */
    void announceDue(Handle h, long at) {
        PgJdbc.RUN.query(h, NOTIFY, rs -> null, channel, "due " + origin + " " + at);
    }

    PgListener listener() {
        return listener;
    }

    @Override
    public int schemaVersion() {
        return read(h -> PgJdbc.RUN.first(h, "SELECT coalesce(max(version), 0) FROM schema_version", rs -> rs.getInt(1)).orElse(0));
    }

    /** The database answers a read and the writer commits (probed at most once a second). */
    @Override
    public boolean healthy() {
        if (probeNow || !writer.healthy() || System.nanoTime() - probedAt > 1_000_000_000L) {
            probeNow = false;
            probeOk = probe();
            probedAt = System.nanoTime();
        }
        return probeOk;
    }

    /**
     * A writer that failed stays failed until it commits again: an empty batch does that, so a
     * hub the balancer took out (no writes reach it) reports healthy once the database is back.
     */
    private boolean probe() {
        try {
            read(h -> PgJdbc.RUN.first(h, "SELECT 1", rs -> rs.getInt(1)));
            if (!writer.healthy()) writer.submit(h -> null).get(CONNECTION_WAIT_MS, TimeUnit.MILLISECONDS);
            return writer.healthy();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RuntimeException translated(RuntimeException e) {
        StoreUnavailableException u = e instanceof StoreUnavailableException s ? s : PgFailures.unavailable(e);
        if (u == null) return e;
        probeNow = true;
        return u;
    }

    /** What the writer needs from PostgreSQL around its batches. */
    private final class Hooks implements BatchWriter.Hooks {
        @Override
        public void beforeCommit(Handle h) {
            long due = batchDue.getAndSet(NONE);
            if (due != NONE) announceDue(h, due);
            if (batchFlows) {
                batchFlows = false;
                PgJdbc.RUN.query(h, NOTIFY, rs -> null, channel, "flows " + origin);
            }
        }

        @Override
        public StoreUnavailableException unavailable(Throwable failure) {
            return PgFailures.unavailable(failure);
        }
    }

    @Override
    public void close() {
        writer.close();
        listener.close();
        reads.close();
        writes.close();
        log.info("store closed: {}", url.shown());
    }
}
