package dev.hookline.store;

import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/** One caller's write waiting for the writer thread: its work, then its result or failure once committed. */
final class PendingWrite<T> {
    static final PendingWrite<Object> STOP = new PendingWrite<>(h -> null);

    private final HandleCallback<T, RuntimeException> work;
    private final CountDownLatch done = new CountDownLatch(1);
    private T result;
    private Throwable failure;

    PendingWrite(HandleCallback<T, RuntimeException> work) {
        this.work = work;
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

    void complete() {
        done.countDown();
    }

    /** Waits for the commit; rethrows the caller's own exception (an API error stays an API error). */
    T await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the write goes on regardless: wait for its outcome
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        return result;
    }
}
