package dev.hookline.store;

import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.StoreMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of a store: callers hand it work, one thread runs what has queued up in one
 * transaction and commits once for all of it (group commit). A write that throws rolls back only
 * itself (the batch is re-run with a savepoint per write); a failure of the store itself (disk
 * full, locked, unreachable) fails the whole batch at once with {@link StoreUnavailableException}.
 * The queue and every wait are bounded. Thread-safe.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    private static final int MAX_BATCH = 512;

    /** What the writer asks of the store around its batches. */
    public interface Hooks {
        /** A batch committed. */
        default void committed() {}

        /** Just before a batch commits, in its transaction (a shared store announces what the batch made due). */
        default void beforeCommit(Handle h) {}

        /** Between two batches, on the writer thread, with nothing in a transaction. */
        default void idle() {}

        /** The failure as the store's own (nothing the write could change), or null when it is the write's. */
        StoreUnavailableException unavailable(Throwable failure);
    }

    private final Jdbi jdbi;
    private final Hooks hooks;
    private final Duration maxWait;
    private final BlockingQueue<PendingWrite<?>> queue;
    private final String name;
    private final StoreMetrics metrics;
    private Thread thread;
    /** Refuses timed writes still queued past their deadline, when the writer is stuck or far behind. */
    private ScheduledExecutorService watch;
    private Handle current;
    private volatile boolean closed;
    /** The store-level failure of the last batch, cleared by the next commit; null when writing works. */
    private volatile StoreUnavailableException failing;

    public BatchWriter(String name, Jdbi jdbi, Hooks hooks, int capacity, Duration maxWait) {
        this(name, jdbi, hooks, capacity, maxWait, Metrics.disabled().store());
    }

    /** As above, reporting each batch's time, the writes committed or refused and the queue's depth to {@code metrics}. */
    public BatchWriter(String name, Jdbi jdbi, Hooks hooks, int capacity, Duration maxWait, StoreMetrics metrics) {
        this.name = name;
        this.jdbi = jdbi;
        this.hooks = hooks;
        this.maxWait = maxWait;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.metrics = metrics;
        metrics.queue(queue::size);
    }

    public synchronized void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        if (watch == null) {
            watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name + "-watch");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(10, Math.min(1000, maxWait.toMillis() / 4));
            watch.scheduleWithFixedDelay(this::expireOverdue, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (PendingWrite<?> p : queue) p.expire(now, maxWait);
    }

    /** Runs {@code work} in the next batch and returns its result once committed; throws what it threw, or 503 material. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        PendingWrite<T> p = new PendingWrite<>(work);
        if (Thread.currentThread() == thread) {
            if (current != null) return work.withHandle(current); // a write made by another write of the batch
            commit(List.of(p)); // by what a commit set off: waiting for the next batch would wait for itself
            p.finish();
        } else {
            enqueue(p, true);
        }
        return p.await(maxWait);
    }

    /**
     * As {@link #write}, without holding the caller's thread: the future completes on the writer
     * thread once committed, or fails with what {@code write} would throw (a full queue at once, a
     * turn not come within the wait when it is over).
     */
    public <T> CompletableFuture<T> writeAsync(HandleCallback<T, RuntimeException> work) {
        PendingWrite<T> p = new PendingWrite<>(work, System.nanoTime() + maxWait.toNanos());
        return queue(p);
    }

    /** Queues {@code work} without waiting; the future completes once committed, or fails (full queue included). */
    public <T> CompletableFuture<T> submit(HandleCallback<T, RuntimeException> work) {
        return queue(new PendingWrite<>(work));
    }

    private <T> CompletableFuture<T> queue(PendingWrite<T> p) {
        try {
            enqueue(p, false);
        } catch (StoreUnavailableException e) {
            p.fail(e);
            p.finish();
        }
        return p.future();
    }

    /** False while writes fail for the store's own reasons, or the writer is not running. */
    public boolean healthy() {
        Thread t = thread;
        return failing == null && t != null && t.isAlive();
    }

    /** Why writes fail now, or null. */
    public StoreUnavailableException failure() {
        return failing;
    }

    private void enqueue(PendingWrite<?> p, boolean wait) {
        if (closed) throw new StoreUnavailableException("the store is closed", 5, null);
        ensureRunning();
        boolean taken;
        try {
            taken = wait ? queue.offer(p, maxWait.toMillis(), TimeUnit.MILLISECONDS) : queue.offer(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) throw new StoreUnavailableException("the store is behind: its write queue is full", 1, null);
    }

    /** A writer thread that died (it catches everything, so only a JVM-level error) is replaced. */
    private synchronized void ensureRunning() {
        if (thread != null && !thread.isAlive() && !closed) {
            log.error("the store's writer thread had stopped; starting a new one");
            start();
        }
    }

    private void run() {
        List<PendingWrite<?>> batch = new ArrayList<>();
        while (true) {
            try {
                PendingWrite<?> first = queue.take();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(PendingWrite.STOP);
                batch.removeIf(p -> !p.begin());
                if (!batch.isEmpty()) commit(batch);
                if (stop) return;
                hooks.idle();
            } catch (InterruptedException e) {
                if (closed) return;
            } catch (Throwable t) {
                StoreUnavailableException u = new StoreUnavailableException("the store could not write: " + t, 5, t);
                for (PendingWrite<?> p : batch) p.fail(u);
                log.error("a write batch of {} failed", batch.size(), t);
            } finally {
                for (PendingWrite<?> p : batch) p.finish();
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; if a write threw, again with a savepoint per write so only it is refused. */
    private void commit(List<PendingWrite<?>> batch) {
        if (!runBatch(batch, false)) runBatch(batch, true);
    }

    private boolean runBatch(List<PendingWrite<?>> batch, boolean savepoints) {
        Function<Throwable, Boolean> storeFailed = t -> {
            StoreUnavailableException u = hooks.unavailable(t);
            if (u == null) u = new StoreUnavailableException("the store could not commit: " + t.getMessage(), 5, t);
            failing = u;
            metrics.failed(batch.size());
            for (PendingWrite<?> p : batch) p.fail(u);
            log.error("a write batch of {} failed: {}", batch.size(), u.getMessage());
            return true;
        };
        long start = System.nanoTime();
        try {
            return jdbi.withHandle(h -> {
                current = h;
                try {
                    h.begin();
                    for (int i = 0; i < batch.size(); i++) {
                        PendingWrite<?> p = batch.get(i);
                        p.reset();
                        if (savepoints) h.savepoint("w" + i);
                        try {
                            p.run(h);
                            if (savepoints) h.releaseSavepoint("w" + i);
                        } catch (RuntimeException | Error e) {
                            if (hooks.unavailable(e) != null) {
                                rollbackQuietly(h);
                                return storeFailed.apply(e);
                            }
                            if (!savepoints) {
                                h.rollback();
                                return false;
                            }
                            h.rollbackToSavepoint("w" + i);
                            p.fail(e);
                        }
                    }
                    hooks.beforeCommit(h);
                    h.commit();
                    metrics.committed(batch.size(), System.nanoTime() - start);
                    failing = null;
                    hooks.committed();
                    return true;
                } catch (RuntimeException e) {
                    rollbackQuietly(h);
                    return storeFailed.apply(e);
                } finally {
                    current = null;
                }
            });
        } catch (RuntimeException e) {
            return storeFailed.apply(e);
        }
    }

    private static void rollbackQuietly(Handle h) {
        try {
            h.rollback();
        } catch (RuntimeException ignored) {
            // the failure being reported is the one that matters
        }
    }

    /** Writes what is queued, then stops the thread. */
    @Override
    public void close() {
        if (closed) return;
        try {
            queue.put(PendingWrite.STOP);
            closed = true;
            if (thread != null) thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        if (watch != null) watch.shutdownNow();
    }
}
