package dev.hookline.store.sqlite;

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
import java.nio.file.Path;

/** The embedded store: one SQLite file in the data directory, one hub. Thread-safe. */
public final class SqliteStore implements Store {
    private final Database db;
    private final CallStore calls;
    private final FlowStore flows;
    private final DeliveryStore deliveries;
    private final TraceStore traces;
    private final KeyStore keys;
    private final RetentionStore retention;
    private final InsightStore insights;
    private final TwilioStore twilio;

    private SqliteStore(Database db, Codec codec) {
        this.db = db;
        this.calls = new SqliteCalls(db, codec);
        this.flows = new SqliteFlows(db, codec);
        this.deliveries = new SqliteDeliveries(db);
        this.traces = new SqliteTraces(db);
        this.keys = new SqliteKeys(db);
        this.retention = new SqliteRetention(db);
        this.insights = new SqliteInsights(db);
        this.twilio = new SqliteTwilio(db);
    }

    /** Opens (creating if needed) {@code dataDir/hookline.db} and brings its schema up to date. */
    public static SqliteStore open(Path dataDir, boolean fsync, Codec codec) {
        return open(dataDir, fsync, codec, Metrics.disabled().store());
    }

    /** As above, reporting the writer's batches, refusals and queue to {@code metrics}. */
    public static SqliteStore open(Path dataDir, boolean fsync, Codec codec, StoreMetrics metrics) {
        return new SqliteStore(Database.open(dataDir, fsync, metrics), codec);
    }

    /**
     * A consistent copy of the database file {@code source} into {@code target}, taken beside a
     * running hub: {@code VACUUM INTO} reads one snapshot and writes a compact file.
     */
    public static void copy(Path source, Path target) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + source);
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=30000");
            s.executeUpdate("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
        }
    }

    /** The database file. */
    public Path file() {
        return db.file();
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
    public KeyStore keys() {
        return keys;
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
    public String description() {
        return "SQLite " + db.file().toAbsolutePath();
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
        return false;
    }

    @Override
    public void close() {
        db.close();
    }
}
