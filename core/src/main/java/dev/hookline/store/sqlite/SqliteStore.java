package dev.hookline.store.sqlite;

import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.StoreMetrics;
import dev.hookline.store.Codec;
import dev.hookline.store.jdbc.JdbcStore;
import java.nio.file.Path;

/** The embedded store: one SQLite file in the data directory, one hub. Thread-safe. */
public final class SqliteStore extends JdbcStore {
    private final Database db;

    private SqliteStore(Database db, Codec codec) {
        super(db, new SqliteCalls(db, codec), new SqliteFlows(db, codec), new SqliteDeliveries(db), new SqliteTraces(db), new SqliteKeys(db),
                new SqliteTwilio(db), new SqliteInsights(db), new SqliteRetention(db));
        this.db = db;
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
    public String description() {
        return "SQLite " + db.file().toAbsolutePath();
    }

    @Override
    public boolean shared() {
        return false;
    }
}
