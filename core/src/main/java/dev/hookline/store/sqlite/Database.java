package dev.hookline.store.sqlite;

import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.StoreMetrics;
import dev.hookline.store.BatchWriter;
import dev.hookline.store.StatementMessages;
import dev.hookline.store.StoreException;
import dev.hookline.store.StoreUnavailableException;
import dev.hookline.store.jdbc.JdbcDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite file {@code hookline.db}: WAL mode, foreign keys on, migrations applied on open.
 * Reads run on pooled connections beside the one writer ({@link BatchWriter}), which owns a
 * connection of its own so its page cache stays warm. With {@code synchronous=NORMAL} a commit is
 * in the log before {@link #write} returns, so it survives a crash of the hub; {@link WalFlusher}
 * puts it on disk a few milliseconds later. {@code fsync} syncs every commit (power-cut safe).
 * Thread-safe.
 */
final class Database implements JdbcDatabase {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int POOL_SIZE = 8;
    /** Writes queued at most; a write waits at most this long for its turn, then the API answers 503. */
    static final int WRITE_QUEUE = 20_000;
    static final Duration WRITE_WAIT = Duration.ofSeconds(10);
    static final int BUSY_TIMEOUT_MS = 3_000;
    static final int FALLBACK_AUTOCHECKPOINT_PAGES = 64_000;
    /** A log this long (~64 MB) is started over once the background checkpoint has copied it. */
    static final int RESTART_LOG_PAGES = 16_000;
    private static final long CHECKPOINT_EVERY_MILLIS = 500;
    private static final int WRITER_CACHE_KIB = 16 * 1024;

    private final Path file;
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Jdbi jdbi;
    private final Connection writerConnection;
    private final BatchWriter writer;
    /** Null when every commit syncs anyway (fsync). */
    private final WalFlusher walFlusher;
    private volatile boolean closed;
    private volatile long tailCheckpoints;

    private Database(Path file, boolean fsync, long checkpointEveryMillis, int restartLogPages, StoreMetrics metrics) throws SQLException {
        this.file = file;
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(fsync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        cfg.setGetGeneratedKeys(false); // ids are made by the hub; the driver would query last_insert_rowid() per insert
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        for (int i = 0; i < POOL_SIZE; i++) pool.add(open(cfg, url, fsync));
        this.jdbi = Jdbi.create(new Pooled());
        StatementMessages.withoutArguments(jdbi);
        this.writerConnection = open(cfg, url, fsync);
        try (Statement s = writerConnection.createStatement()) {
            s.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
        }
        Jdbi writerJdbi = Jdbi.create(new Kept(writerConnection));
        StatementMessages.withoutArguments(writerJdbi);
        this.walFlusher = fsync ? null
                : new WalFlusher(file, cfg.createConnection(url), 20, checkpointEveryMillis, TimeUnit.MILLISECONDS, restartLogPages);
        this.writer = new BatchWriter("hookline-store-writer", writerJdbi, new Hooks(), WRITE_QUEUE, WRITE_WAIT, metrics);
    }

    private static Connection open(SQLiteConfig cfg, String url, boolean fsync) throws SQLException {
        Connection c = cfg.createConnection(url);
        if (!fsync) {
            // the flusher checkpoints; a commit checkpoints only past this fallback (~256 MB of log)
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=" + FALLBACK_AUTOCHECKPOINT_PAGES);
            }
        }
        return c;
    }

    static Database open(Path dataDir, boolean fsync) {
        return open(dataDir, fsync, Metrics.disabled().store());
    }

    /** As {@link #open(Path, boolean)}, reporting the writer's batches to {@code metrics}. */
    static Database open(Path dataDir, boolean fsync, StoreMetrics metrics) {
        return open(dataDir, fsync, CHECKPOINT_EVERY_MILLIS, RESTART_LOG_PAGES, metrics);
    }

    /** As {@link #open(Path, boolean)} with the background checkpoint's timing (tests make it quick). */
    static Database open(Path dataDir, boolean fsync, long checkpointEveryMillis, int restartLogPages) {
        return open(dataDir, fsync, checkpointEveryMillis, restartLogPages, Metrics.disabled().store());
    }

    private static Database open(Path dataDir, boolean fsync, long checkpointEveryMillis, int restartLogPages, StoreMetrics metrics) {
        try {
            Files.createDirectories(dataDir);
            NativeLibrary.useFrom(dataDir);
            SpaceMode.ensureIncremental(dataDir.resolve("hookline.db")); // before any other connection: each keeps the mode it saw
            Database db = new Database(dataDir.resolve("hookline.db"), fsync, checkpointEveryMillis, restartLogPages, metrics);
            Connection c = db.pool.take();
            try {
                SqliteMigrations.apply(c);
            } finally {
                db.pool.add(c);
            }
            db.writer.start();
            if (db.walFlusher != null) db.walFlusher.start();
            return db;
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the store in " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while opening the store", e);
        }
    }

    Path file() {
        return file;
    }

    /** A read on a pooled connection (a snapshot of its own; reads never wait for the writer). */
    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /** Several reads on one snapshot: no commit lands between them. */
    @Override
    public <T> T readConsistent(HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(work);
    }

    @Override
    public BatchWriter writer() {
        return writer;
    }

    /** The schema version in force: the highest migration applied. */
    @Override
    public int schemaVersion() {
        return read(h -> Jdbc.RUN.first(h, "SELECT coalesce(max(version), 0) FROM schema_version", rs -> rs.getInt(1)).orElse(0));
    }

    @Override
    public boolean healthy() {
        return writer.healthy();
    }

    long walFlushes() {
        return walFlusher == null ? -1 : walFlusher.flushes();
    }

    long checkpoints() {
        return walFlusher == null ? -1 : walFlusher.checkpoints();
    }

    long databaseSyncs() {
        return walFlusher == null ? -1 : walFlusher.databaseSyncs();
    }

    long tailCheckpoints() {
        return tailCheckpoints;
    }

    /** What the writer needs from SQLite around its batches. */
    private final class Hooks implements BatchWriter.Hooks {
        @Override
        public void committed() {
            if (walFlusher != null) walFlusher.committed();
        }

        /** Copies the few log frames left by a background checkpoint, so the next commit starts the log over. */
        @Override
        public void idle() {
            if (walFlusher == null || !walFlusher.takeTailRequest()) return;
            try {
                WalFlusher.passive(writerConnection);
                tailCheckpoints++;
            } catch (SQLException e) {
                log.warn("checkpointing the store's log on the writer failed: {}", e.getMessage());
            }
        }

        @Override
        public StoreUnavailableException unavailable(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SQLiteException e) return unavailable(e);
            }
            return null;
        }

        private StoreUnavailableException unavailable(SQLiteException e) {
            SQLiteErrorCode code = e.getResultCode();
            int primary = code == null ? 0 : code.code & 0xff;
            return switch (primary) {
                case 13 -> new StoreUnavailableException("the store's disk is full", 30, e);                  // SQLITE_FULL
                case 5, 6 -> new StoreUnavailableException("the store is locked by another process", 2, e);  // BUSY, LOCKED
                case 10, 14, 8 -> new StoreUnavailableException("the store cannot write its file: " + code, 10, e); // IOERR, CANTOPEN, READONLY
                default -> null;
            };
        }
    }

    /** Pooled connections for reads (and migrations). */
    private final class Pooled implements ConnectionFactory {
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
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } finally {
                pool.add(c);
            }
        }
    }

    /** The writer's one connection, kept open from batch to batch. */
    private record Kept(Connection c) implements ConnectionFactory {
        @Override
        public Connection openConnection() {
            return c;
        }

        @Override
        public void closeConnection(Connection conn) throws SQLException {
            if (!conn.getAutoCommit()) { // only a batch that failed half-way leaves one
                conn.rollback();
                conn.setAutoCommit(true);
            }
        }
    }

    @Override
    public void close() {
        if (closed) return;
        writer.close();
        closed = true;
        if (walFlusher != null) walFlusher.close();
        closeConnection(writerConnection);
        for (Connection c; (c = pool.poll()) != null; ) closeConnection(c);
        // the flusher's descriptor of the database file last: closing it drops the process's locks on the file
        if (walFlusher != null) walFlusher.closeDatabaseFile();
        log.info("store closed: {}", file.toAbsolutePath());
    }

    private static void closeConnection(Connection c) {
        try {
            Jdbc.forget(c);
            c.close();
        } catch (SQLException e) {
            log.warn("closing a store connection failed: {}", e.getMessage());
        }
    }
}
