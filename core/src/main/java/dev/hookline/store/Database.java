package dev.hookline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite store: {@code hookline.db} in the data directory, WAL mode, foreign keys on, a busy
 * timeout, and the numbered migrations of {@code db/migration} applied on open.
 *
 * <p>Connections are pooled (opening a SQLite connection and setting its pragmas costs more than
 * most of our statements). SQLite allows one writer at a time; {@link #write} serialises writers
 * in-process with a lock instead of letting them spin on SQLITE_BUSY. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int POOL_SIZE = 8;

    private final Path file;
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Jdbi jdbi;
    private volatile boolean closed;

    private Database(Path file) throws SQLException {
        this.file = file;
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk before the API answers 2xx, even across a power cut.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        for (int i = 0; i < POOL_SIZE; i++) {
            pool.add(cfg.createConnection(url));
        }
        this.jdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                if (closed) throw new SQLException("the store is closed");
                try {
                    return pool.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for a connection", e);
                }
            }

            @Override
            public void closeConnection(Connection c) throws SQLException {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                pool.add(c);
            }
        });
        jdbi.installPlugin(new SqlObjectPlugin());
    }

    /** Opens (creating if needed) {@code dataDir/hookline.db} and brings its schema up to date. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Database db = new Database(dataDir.resolve("hookline.db"));
            db.migrate();
            return db;
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the store in " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version in force: the highest migration applied. */
    public int schemaVersion() {
        return read(h -> h.createQuery("SELECT coalesce(max(version), 0) FROM schema_version").mapTo(Integer.class).one());
    }

    /** Runs a read on a pooled connection. WAL lets reads run beside the single writer. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /** Runs {@code work} in one write transaction; writers take turns. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        writeLock.lock();
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, work);
        } finally {
            writeLock.unlock();
        }
    }

    /** A DAO bound to a short-lived handle per call, for single-statement reads. */
    public <D> D dao(Class<D> type) {
        return jdbi.onDemand(type);
    }

    private void migrate() throws SQLException {
        Connection c = pool.poll();
        try (Statement s = c.createStatement()) {
            {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
                int current;
                try (var rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                    current = rs.next() ? rs.getInt(1) : 0;
                }
                for (int v = current + 1; ; v++) {
                    String sql = migrationScript(v);
                    if (sql == null) break;
                    c.setAutoCommit(false);
                    try {
                        for (String stmt : Migrations.split(sql)) {
                            s.executeUpdate(stmt);
                        }
                        s.executeUpdate("INSERT INTO schema_version(version, applied_at) VALUES (" + v + ", " + System.currentTimeMillis() + ")");
                        c.commit();
                        log.info("store schema migrated to version {}", v);
                    } catch (SQLException e) {
                        c.rollback();
                        throw new SQLException("migration " + v + " failed: " + e.getMessage(), e);
                    } finally {
                        c.setAutoCommit(true);
                    }
                }
            }
        } finally {
            pool.add(c);
        }
    }

    private static String migrationScript(int version) {
        String prefix = "V" + version + "__";
        for (String name : Migrations.NAMES) {
            if (name.startsWith(prefix)) {
                try (InputStream in = Database.class.getResourceAsStream("/db/migration/" + name)) {
                    if (in == null) throw new StoreException("migration " + name + " is listed but missing", null);
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new StoreException("cannot read migration " + name, e);
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            for (Connection c; (c = pool.poll()) != null; ) {
                try {
                    c.close();
                } catch (SQLException e) {
                    log.warn("closing a store connection failed: {}", e.getMessage());
                }
            }
            log.info("store closed: {}", file.toAbsolutePath());
        } finally {
            writeLock.unlock();
        }
    }
}
