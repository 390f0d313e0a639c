package dev.hookline.sheetsapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock tests move by hand, which is also the connector's timer: work scheduled for later runs when the test says. */
final class TestClock extends Clock implements Timer {
    private record Task(long due, long order, Runnable run) {}

    private long millis;
    private long order;
    private final List<Task> tasks = new ArrayList<>();

    TestClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    synchronized void advance(Duration d) {
        millis += d.toMillis();
    }

    @Override
    public synchronized long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long nowMillis() {
        return millis();
    }

    @Override
    public synchronized void after(long delay, Runnable task) {
        tasks.add(new Task(millis + Math.max(0, delay), order++, task));
    }

    /** Runs scheduled work in due order, moving the clock to each task's time, until none is left. */
    void runAll() {
        while (true) {
            Task next;
            synchronized (this) {
                if (tasks.isEmpty()) return;
                next = tasks.stream().min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElseThrow();
                tasks.remove(next);
                millis = Math.max(millis, next.due());
            }
            next.run().run();
        }
    }

    /** The due times of the work scheduled so far, for pacing checks. */
    synchronized List<Long> pending() {
        return tasks.stream().map(Task::due).sorted().toList();
    }
}
