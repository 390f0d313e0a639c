package dev.hookline.metrics;

/** The delivery queue as a gauge sees it: due deliveries and how long the oldest has been due. Immutable. */
public record Backlog(long due, double oldestDueSeconds) {
    public static final Backlog EMPTY = new Backlog(0, 0);
}
