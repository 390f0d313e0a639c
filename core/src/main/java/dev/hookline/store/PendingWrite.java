package dev.hookline.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * One caller's write waiting for the writer: its work, then its result or failure once the batch
 * is over. A write still queued when its caller stops waiting, or past its deadline, is cancelled
 * and never runs.
 */
final class PendingWrite<T> {
    static final PendingWrite<Object> STOP = new PendingWrite<>(h -> null);
    private static final int QUEUED = 0, RUNNING = 1, CANCELLED = 2;

    private final HandleCallback<T, RuntimeException> work;
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    /** {@link System#nanoTime} after which a write still queued is refused; only with {@link #timed}. */
    private final long deadline;
    private final boolean timed;
    private T result;
    private Throwable failure;

    PendingWrite(HandleCallback<T, RuntimeException> work) {
        this.work = work;
        this.deadline = 0;
        this.timed = false;
    }

    PendingWrite(HandleCallback<T, RuntimeException> work, long deadline) {
        this.work = work;
        this.deadline = deadline;
        this.timed = true;
    }

    /** The writer takes it: false when its caller gave up waiting first. */
    boolean begin() {
        return state.compareAndSet(QUEUED, RUNNING);
    }

    /** Refuses the write as busy if it is still queued at {@code now}, past its deadline; true when it did. */
    boolean expire(long now, Duration waited) {
        if (!timed || now - deadline < 0 || !state.compareAndSet(QUEUED, CANCELLED)) return false;
        done.completeExceptionally(busy(waited));
        return true;
    }

    /** Forgets the outcome of a run that was rolled back, before running again. */
    void reset() {
        result = null;
        failure = null;
    }

    void run(Handle h) {
        result = work.withHandle(h);
    }

    void fail(Throwable t) {
        if (failure == null) failure = t;
    }

    /** The batch is over (committed or not): hand the outcome to the caller. */
    void finish() {
        if (failure != null) done.completeExceptionally(failure);
        else done.complete(result);
    }

    CompletableFuture<T> future() {
        return done;
    }

    /** Waits for the outcome; rethrows the write's own exception (an API error stays an API error). */
    T await(Duration max) {
        try {
            return get(max);
        } catch (TimeoutException e) {
            if (state.compareAndSet(QUEUED, CANCELLED)) {
                throw busy(max);
            }
            try {
                return get(null); // running: its batch ends within the store's own time bounds
            } catch (TimeoutException never) {
                throw new IllegalStateException(never);
            }
        }
    }

    private static StoreUnavailableException busy(Duration waited) {
        return new StoreUnavailableException("the store is busy: the write waited " + waited.toSeconds() + " s", 1, null);
    }

    private T get(Duration max) throws TimeoutException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return max == null ? done.get() : done.get(max.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // the write goes on regardless: wait for its outcome
                } catch (ExecutionException e) {
                    throw Writes.unwrapped(e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
