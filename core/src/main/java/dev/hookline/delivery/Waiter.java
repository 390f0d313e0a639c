package dev.hookline.delivery;

/** A wait that new work can cut short; a wake that arrives before the wait is not lost. Thread-safe. */
final class Waiter {
    private boolean woken;

    synchronized void await(long millis) throws InterruptedException {
        if (millis <= 0) {
            woken = false;
            return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!woken) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) break;
            wait(left);
        }
        woken = false;
    }

    synchronized void wake() {
        woken = true;
        notifyAll();
    }
}
