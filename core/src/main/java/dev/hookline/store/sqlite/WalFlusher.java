package dev.hookline.store.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's background disk work, off the commit path: syncs the write-ahead log a few
 * milliseconds behind the commits, checkpoints it into the database file ({@code PASSIVE}, beside
 * the writer) and syncs that file; when a long log is fully copied it asks the writer to copy the
 * last few frames between two batches ({@link #takeTailRequest}) so the next commit starts the log
 * over. The database file's descriptor stays open until every SQLite connection has closed
 * (closing any descriptor drops the process's locks on the file). See docs/performance-notes.md.
 */
final class WalFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalFlusher.class);

    private final Path wal;
    private final Path database;
    private final Connection checkpointer;
    private final long intervalNanos;
    private final long checkpointEveryNanos;
    private final int restartPages;
    /** Catch-up checkpoints after a long one, and the frames appended meanwhile that are few enough to stop. */
    private static final int MAX_CATCH_UP_ROUNDS = 3;
    private static final int SMALL_TAIL_FRAMES = 128;
    private final Thread thread;
    private volatile boolean dirty;
    private volatile boolean closed;
    private FileChannel channel;
    /**
     * The database file, opened once and closed only after every SQLite connection (see the class
     * comment). An interrupt during I/O would close a channel too; nothing interrupts this thread.
     */
    private FileChannel databaseChannel;
    private volatile boolean uncheckpointed;
    /** A checkpoint here copied a long log up to a few frames: the writer should finish it. */
    private final AtomicBoolean tailWanted = new AtomicBoolean();
    private long flushes;
    private long checkpoints;
    private long databaseSyncs;

    /**
     * Flushes every {@code interval}; checkpoints with {@code checkpointer} (its own connection,
     * closed here) every {@code checkpointEvery}; asks the writer to finish a checkpoint of a log
     * of {@code restartPages} frames or more.
     */
    WalFlusher(Path databaseFile, Connection checkpointer, long interval, long checkpointEvery, TimeUnit unit, int restartPages) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.database = databaseFile;
        this.checkpointer = checkpointer;
        this.intervalNanos = unit.toNanos(interval);
        this.checkpointEveryNanos = unit.toNanos(checkpointEvery);
        this.restartPages = restartPages;
        this.thread = new Thread(this::run, "hookline-store-wal-flush");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A commit has written to the log: flush it at the next tick. */
    void committed() {
        dirty = true;
        uncheckpointed = true;
    }

    /** True once after a checkpoint here left only the frames appended while it ran (see the class comment). */
    boolean takeTailRequest() {
        return tailWanted.compareAndSet(true, false);
    }

    /** How many times the log was flushed (for tests). */
    synchronized long flushes() {
        return flushes;
    }

    /** How many checkpoints this thread has run (for tests). */
    synchronized long checkpoints() {
        return checkpoints;
    }

    /** How many times this thread has synced the database file after copying frames into it (for tests). */
    synchronized long databaseSyncs() {
        return databaseSyncs;
    }

    private void run() {
        long nextCheckpoint = System.nanoTime() + checkpointEveryNanos;
        while (!closed) {
            LockSupport.parkNanos(intervalNanos);
            if (dirty) {
                dirty = false;
                flush();
            }
            if (uncheckpointed && System.nanoTime() - nextCheckpoint >= 0 && !closed) {
                uncheckpointed = false;
                checkpoint();
                nextCheckpoint = System.nanoTime() + checkpointEveryNanos;
            }
        }
    }

    private synchronized void checkpoint() {
        try {
            int[] r = passive();
            // (frames in the log, frames copied): a reader on an old snapshot can hold some back;
            // the next round copies them
            if (r[1] < r[0]) {
                uncheckpointed = true;
                if (r[1] > 0) syncDatabase();
            } else if (r[0] >= restartPages) {
                // the writer kept appending while this ran (tens of ms for a long log): copy that
                // too, in rounds that shrink, so the writer is left with only the last few frames;
                // what it copies it must sync into the database file before its next commit
                for (int round = 0; round < MAX_CATCH_UP_ROUNDS && r[1] >= r[0]; round++) {
                    int before = r[0];
                    r = passive();
                    if (r[0] - before <= SMALL_TAIL_FRAMES) break;
                }
                if (syncDatabase()) {
                    // what the writer appended during the sync, so its copy stays a few frames
                    r = passive();
                }
                if (r[1] >= r[0]) tailWanted.set(true);
                else uncheckpointed = true;
            } else if (r[1] > 0) {
                syncDatabase();
            }
            checkpoints++;
        } catch (SQLException e) {
            log.warn("checkpointing the store's log failed (the writer will at its fallback threshold): {}", e.getMessage());
            uncheckpointed = true;
        }
    }

    private int[] passive() throws SQLException {
        return passive(checkpointer);
    }

    /** One passive checkpoint on {@code c}: (frames in the log, frames copied into the database so far). */
    static int[] passive(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return r.next() ? new int[] {r.getInt(2), r.getInt(3)} : new int[] {0, 0};
        }
    }

    /**
     * Writes the pages the checkpoints copied into the database file to disk, here rather than in
     * the writer's copy of the last frames. True when synced.
     */
    private boolean syncDatabase() {
        try {
            if (databaseChannel == null) databaseChannel = FileChannel.open(database, StandardOpenOption.READ);
            databaseChannel.force(false);
            databaseSyncs++;
            return true;
        } catch (IOException e) {
            // the descriptor stays (closing it would drop SQLite's locks); SQLite syncs at the end of the log
            log.warn("syncing the store's database file failed (SQLite will at its next full checkpoint): {}", e.getMessage());
            return false;
        }
    }

    private synchronized void flush() {
        try {
            if (channel == null || !channel.isOpen()) channel = FileChannel.open(wal, StandardOpenOption.READ);
            channel.force(false);
            flushes++;
        } catch (NoSuchFileException e) {
            // no log yet (nothing written since the last connection closed): nothing to flush
        } catch (IOException e) {
            log.warn("flushing the store's log failed (SQLite will sync it at its next checkpoint): {}", e.getMessage());
            closeChannel();
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // the descriptor is gone either way
        }
        channel = null;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeChannel();
            try {
                checkpointer.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    /** Closes the database file's descriptor: only once the store has closed every SQLite connection to it. */
    synchronized void closeDatabaseFile() {
        try {
            if (databaseChannel != null) databaseChannel.close();
        } catch (IOException ignored) {
            // the descriptor is gone either way
        }
        databaseChannel = null;
    }
}
