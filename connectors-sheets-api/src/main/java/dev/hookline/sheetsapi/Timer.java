package dev.hookline.sheetsapi;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time for pacing writes and running them later, off the caller's thread. The real one is one
 * daemon thread (writes only start requests there; answers arrive on the hub's client threads);
 * tests use one that moves a test clock instead of waiting.
 */
interface Timer {

    /** A monotonic time in milliseconds, for spacing writes. */
    long nowMillis();

    /** Runs {@code task} after {@code millis} (at once when zero or less). */
    void after(long millis, Runnable task);

    /** The shared real timer. */
    Timer REAL = new Timer() {
        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-sheets-api");
            t.setDaemon(true);
            return t;
        });

        @Override
        public long nowMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        }

        @Override
        public void after(long millis, Runnable task) {
            thread.schedule(task, Math.max(0, millis), TimeUnit.MILLISECONDS);
        }
    };
}
