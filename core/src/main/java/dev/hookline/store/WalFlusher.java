package dev.hookline.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the write-ahead log to disk in the background, a few milliseconds behind the commits.
 *
 * <p>With {@code synchronous=NORMAL} a commit writes its pages to the WAL without waiting for
 * the disk, and SQLite syncs the WAL only when it checkpoints it into the database. That
 * checkpoint runs inside whichever commit crosses 1,000 WAL pages, so one commit in a few hundred
 * waited for ~4 MB of log to reach the disk: 15–20 ms, every 0.7 s at 100 calls/s, and the slowest
 * 1% of API answers. Syncing the log here keeps only the last few milliseconds of it unsynced, so
 * the checkpoint's own sync finds little left to write. It only ever adds durability: a commit
 * is on disk sooner than SQLite alone would put it there.
 *
 * <p>Only the {@code -wal} file is opened here. SQLite's locks live on the database and
 * {@code -shm} files, and closing any descriptor of a file drops the process's POSIX locks on
 * it, so those two are never touched.
 */
final class WalFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalFlusher.class);

    private final Path wal;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean dirty;
    private volatile boolean closed;
    private FileChannel channel;
    private long flushes;

    WalFlusher(Path databaseFile, long interval, TimeUnit unit) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.intervalNanos = unit.toNanos(interval);
        this.thread = new Thread(this::run, "hookline-store-wal-flush");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A commit has written to the log: flush it at the next tick. */
    void committed() {
        dirty = true;
    }

    /** How many times the log was flushed (for tests). */
    synchronized long flushes() {
        return flushes;
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(intervalNanos);
            if (dirty) {
                dirty = false;
                flush();
            }
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
        }
    }
}
