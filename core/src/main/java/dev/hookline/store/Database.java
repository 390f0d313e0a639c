package dev.hookline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite store: {@code hookline.db} in the data directory, WAL mode, foreign keys on, a busy
 * timeout, and the numbered migrations of {@code db/migration} applied on open.
 *
 * <p>Connections are pooled (opening a SQLite connection and setting its pragmas costs more than
 * most of our statements). SQLite allows one writer at a time, so one writer thread owns writing
 * and group-commits what callers hand it ({@link #write}); reads run beside it. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int POOL_SIZE = 8;

    private final Path file;
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private static final int MAX_BATCH = 512;
    static final int FALLBACK_AUTOCHECKPOINT_PAGES = 64_000;
    /**
     * A log this long (~64 MB) is started over once the background checkpoint has copied it (see
     * {@link WalFlusher}). Each start-over costs the writer one sync of the database file (12–30 ms
     * here) with every waiting commit held, so the longer the log, the rarer that pause: at
     * 500 calls/s, 4,000 pages meant 28 pauses in 30 s and the slowest 1% of API answers.
     */
    static final int RESTART_LOG_PAGES = 16_000;
    private static final long CHECKPOINT_EVERY_MILLIS = 500;
    /** Timing of every write batch at debug level: {@code -Dorg.slf4j.simpleLogger.log.dev.hookline.store.Database=debug}. */
    private static final boolean DEBUG = log.isDebugEnabled();

    private final Jdbi jdbi;
    /**
     * The writer's own connection, outside the pool. SQLite empties a connection's page cache
     * whenever another connection has committed since its last transaction, so a writer taking
     * the pooled connections in turn began every batch cold: each of its ~8 b-trees read again
     * from the file, ~240 us of writes for a single call at 500 calls/s. Only this connection
     * writes, so its cache stays warm from one batch to the next.
     */
    private final Connection writerConnection;
    private final Jdbi writerJdbi;
    /** The writer's page cache (KiB): the b-trees' upper levels and the pages recent calls filled. */
    private static final int WRITER_CACHE_KIB = 16 * 1024;
    private final LinkedBlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private Handle writerHandle;
    private volatile boolean closed;
    /** Keeps the log's sync out of the commit path; null when every commit syncs anyway (FULL). */
    private final WalFlusher walFlusher;

    /** Checkpoints the writer ran to finish a background one (for tests). */
    private volatile long tailCheckpoints;

    private Database(Path file, boolean fsyncCommits, long checkpointEveryMillis, int restartLogPages) throws SQLException {
        this.file = file;
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL (the default): a commit is in the WAL before the API answers 2xx, so it survives a
        // crash or kill -9 of the hub; the OS writes it to disk shortly after. FULL also fsyncs the
        // WAL on every commit, surviving a power cut at a cost in throughput (HOOKLINE_FSYNC=true).
        cfg.setSynchronous(fsyncCommits ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        // DEFERRED: a read transaction is a consistent snapshot that never blocks the writer; the
        // writer thread is the only one that writes, so its deferred transactions never contend.
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        // the driver otherwise runs "SELECT last_insert_rowid()" after every insert for
        // getGeneratedKeys, which nothing here uses (ids are made by the hub): a fifth of each insert
        cfg.setGetGeneratedKeys(false);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        for (int i = 0; i < POOL_SIZE; i++) {
            Connection c = cfg.createConnection(url);
            if (!fsyncCommits) {
                // the flusher thread checkpoints; a commit checkpoints only if the log outgrows this (~256 MB)
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA wal_autocheckpoint=" + FALLBACK_AUTOCHECKPOINT_PAGES);
                }
            }
            pool.add(c);
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
        StatementMessages.withoutArguments(jdbi);
        writerConnection = cfg.createConnection(url);
        try (Statement s = writerConnection.createStatement()) {
            if (!fsyncCommits) s.execute("PRAGMA wal_autocheckpoint=" + FALLBACK_AUTOCHECKPOINT_PAGES);
            s.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
        }
        this.writerJdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return writerConnection;
            }

            @Override
            public void closeConnection(Connection c) throws SQLException {
                // kept open for the next batch; only a batch that failed half-way leaves a transaction
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        });
        writerJdbi.installPlugin(new SqlObjectPlugin());
        StatementMessages.withoutArguments(writerJdbi);
        writer = new Thread(this::runWriter, "hookline-store-writer");
        writer.setDaemon(true);
        walFlusher = fsyncCommits ? null
                : new WalFlusher(file, cfg.createConnection(url), 20, checkpointEveryMillis, java.util.concurrent.TimeUnit.MILLISECONDS, restartLogPages);
    }

    /** Opens (creating if needed) {@code dataDir/hookline.db} and brings its schema up to date. */
    public static Database open(Path dataDir) {
        return open(dataDir, false);
    }

    /** As {@link #open(Path)}; {@code fsyncCommits} makes every commit wait for the disk (power-cut safe). */
    public static Database open(Path dataDir, boolean fsyncCommits) {
        return open(dataDir, fsyncCommits, CHECKPOINT_EVERY_MILLIS, RESTART_LOG_PAGES);
    }

    /** As {@link #open(Path, boolean)} with the background checkpoint's timing (tests make it quick). */
    static Database open(Path dataDir, boolean fsyncCommits, long checkpointEveryMillis, int restartLogPages) {
        try {
            Files.createDirectories(dataDir);
            Database db = new Database(dataDir.resolve("hookline.db"), fsyncCommits, checkpointEveryMillis, restartLogPages);
            db.migrate();
            db.writer.start();
            if (db.walFlusher != null) db.walFlusher.start();
            return db;
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the store in " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** How many times the background flusher has synced the log; -1 when every commit syncs (no flusher). */
    long walFlushes() {
        return walFlusher == null ? -1 : walFlusher.flushes();
    }

    /** How many times the background thread has checkpointed the log; -1 without it (HOOKLINE_FSYNC). */
    long checkpoints() {
        return walFlusher == null ? -1 : walFlusher.checkpoints();
    }

    /** How many times the background thread synced the database file after a checkpoint; -1 without it. */
    long databaseSyncs() {
        return walFlusher == null ? -1 : walFlusher.databaseSyncs();
    }

    /** How many times the writer finished a background checkpoint so the log could start over. */
    long tailCheckpoints() {
        return tailCheckpoints;
    }

    /** The schema version in force: the highest migration applied. */
    public int schemaVersion() {
        return read(h -> h.createQuery("SELECT coalesce(max(version), 0) FROM schema_version").mapTo(Integer.class).one());
    }

    /** Runs several reads on one snapshot: no commit lands between them (e.g. a delivery and its attempts). */
    public <T> T readConsistent(HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(work);
    }

    /** Runs a read on a pooled connection. WAL lets reads run beside the single writer. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /**
     * Runs {@code work} atomically and durably: when this returns, its changes are committed and
     * on disk; when it throws, none of them are. Writes from many threads are group-committed by
     * one writer thread: each runs in its own savepoint inside a shared transaction, so one
     * commit (one fsync) serves every writer that arrived meanwhile, and a failing writer rolls
     * back only its own work.
     */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        if (Thread.currentThread() == writer) {
            return work.withHandle(writerHandle);
        }
        PendingWrite<T> p = new PendingWrite<>(work);
        if (closed) throw new StoreException("the store is closed", null);
        queue.add(p);
        return p.await();
    }

    private void runWriter() {
        List<PendingWrite<?>> batch = new ArrayList<>();
        while (true) {
            try {
                PendingWrite<?> first = queue.take();
                if (first == PendingWrite.STOP) return;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(PendingWrite.STOP);
                commit(batch);
                if (stop) return;
                if (walFlusher != null && walFlusher.takeTailRequest()) checkpointTail();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Commits a batch. First optimistically, every write in one transaction; if any write fails
     * (rare: validation happens before writing), the transaction is rolled back and each write
     * is re-run in a savepoint of its own so only the failing one is refused.
     */
    private void commit(List<PendingWrite<?>> batch) {
        writeLock.lock();
        try {
            long t0 = System.nanoTime();
            boolean ok = runBatch(batch, false);
            if (!ok) runBatch(batch, true);
            if (DEBUG) log.debug("batch of {} took {}us{}", batch.size(), (System.nanoTime() - t0) / 1000, ok ? "" : " (re-run with savepoints)");
        } finally {
            writeLock.unlock();
            for (PendingWrite<?> p : batch) p.complete();
        }
    }

    /**
     * Copies into the database the few log frames appended while the background checkpoint ran,
     * between two batches, when nothing else can append: the next commit then starts the log over
     * instead of the fallback doing it, with far more to copy, inside a commit.
     */
    private void checkpointTail() {
        writeLock.lock();
        try {
            long t0 = System.nanoTime();
            // on the writer's own connection: this runs on the writer thread, between two batches
            int[] r = WalFlusher.passive(writerConnection);
            tailCheckpoints++;
            if (DEBUG) log.debug("tail checkpoint of {} frames ({} copied) took {}us", r[0], r[1], (System.nanoTime() - t0) / 1000);
        } catch (SQLException | RuntimeException e) {
            // the background thread and the fallback threshold still checkpoint
            log.warn("checkpointing the store's log on the writer failed: {}", e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs the batch in one transaction; false when a write failed without savepoints (nothing committed). */
    private boolean runBatch(List<PendingWrite<?>> batch, boolean savepoints) {
        try {
            return writerJdbi.withHandle(h -> {
                writerHandle = h;
                try {
                    long tb = System.nanoTime();
                    h.begin();
                    long ti = System.nanoTime();
                    int i = 0;
                    for (PendingWrite<?> p : batch) {
                        p.reset();
                        String sp = "w" + (i++);
                        if (savepoints) h.savepoint(sp);
                        try {
                            p.run(h);
                            if (savepoints) h.releaseSavepoint(sp);
                        } catch (RuntimeException | Error e) {
                            if (!savepoints) {
                                h.rollback();
                                return false;
                            }
                            h.rollbackToSavepoint(sp); // JDBI forgets the savepoint; the commit releases it in SQLite
                            p.fail(e);
                        }
                    }
                    long tc = System.nanoTime();
                    h.commit();
                    if (walFlusher != null) walFlusher.committed();
                    if (DEBUG) log.debug("begin {}us, writes {}us, commit {}us", (ti - tb) / 1000, (tc - ti) / 1000, (System.nanoTime() - tc) / 1000);
                    return true;
                } catch (RuntimeException e) {
                    try {
                        h.rollback();
                    } catch (RuntimeException ignored) {
                        // the commit error is the one to report
                    }
                    for (PendingWrite<?> p : batch) p.fail(new StoreException("the store could not commit: " + e.getMessage(), e));
                    log.error("a write batch of {} failed to commit", batch.size(), e);
                    return true;
                } finally {
                    writerHandle = null;
                }
            });
        } catch (RuntimeException e) {
            for (PendingWrite<?> p : batch) p.fail(new StoreException("the store could not commit: " + e.getMessage(), e));
            log.error("a write batch of {} failed", batch.size(), e);
            return true;
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
        if (closed) return;
        closed = true;
        queue.add(PendingWrite.STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (walFlusher != null) walFlusher.close();
        writeLock.lock();
        try {
            try {
                Jdbc.forget(writerConnection);
                writerConnection.close();
            } catch (SQLException e) {
                log.warn("closing the store's writer connection failed: {}", e.getMessage());
            }
            for (Connection c; (c = pool.poll()) != null; ) {
                try {
                    Jdbc.forget(c);
                    c.close();
                } catch (SQLException e) {
                    log.warn("closing a store connection failed: {}", e.getMessage());
                }
            }
            // its descriptor of the database file last: closing it drops the process's locks on the file
            if (walFlusher != null) walFlusher.closeDatabaseFile();
            log.info("store closed: {}", file.toAbsolutePath());
        } finally {
            writeLock.unlock();
        }
    }
}
