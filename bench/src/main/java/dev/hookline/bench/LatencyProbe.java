package dev.hookline.bench;

import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Pairs each call's 201 with its arrival at the receiver, whichever comes first, and records the
 * gap (microseconds) in an HdrHistogram. A delivery that beats the 201 to the bench counts as 0.
 * Also records the end-to-end time, from the call's POST leaving the bench to its delivery
 * arriving, which never clamps at 0.
 */
final class LatencyProbe {
    private final ConcurrentHashMap<String, Long> accepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> arrived = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> sent = new ConcurrentHashMap<>();
    private final Histogram histogram = new Histogram(60_000_000L, 3);
    private final Histogram endToEnd = new Histogram(60_000_000L, 3);
    private final String prefix;
    /** With BENCH_TRACE_DIR set, every call's (POST sent, 201, arrival) times are kept for {@link #dump}: to see when the slow ones happened. */
    private static final String TRACE_DIR = System.getenv("BENCH_TRACE_DIR");
    private final java.util.concurrent.ConcurrentLinkedQueue<long[]> trace = new java.util.concurrent.ConcurrentLinkedQueue<>();

    LatencyProbe(String prefix) {
        this.prefix = prefix;
    }

    /** The call's POST is about to leave the bench. */
    void sent(String callId, long nanos) {
        sent.put(callId, nanos);
    }

    void accepted(String callId, long nanos) {
        Long a;
        // under one lock with arrived(): checked separately, a 201 and a delivery landing at the same
        // moment each found the other missing, both were parked, and the pair was never recorded
        synchronized (this) {
            a = arrived.remove(callId);
            if (a == null) accepted.put(callId, nanos);
        }
        if (a != null) record(callId, nanos, a);
    }

    void arrived(String callId, long nanos) {
        if (callId == null || !callId.startsWith(prefix)) return;
        Long s0 = TRACE_DIR == null ? sent.remove(callId) : sent.get(callId);
        if (s0 != null) {
            synchronized (endToEnd) {
                endToEnd.recordValue(Math.min(Math.max(0, (nanos - s0) / 1000), endToEnd.getHighestTrackableValue()));
            }
        }
        Long t;
        synchronized (this) {
            t = accepted.remove(callId);
            if (t == null) arrived.put(callId, nanos);
        }
        if (t != null) record(callId, t, nanos);
    }

    private void record(String callId, long acceptedAt, long arrivedAt) {
        long micros = Math.max(0, (arrivedAt - acceptedAt) / 1000);
        if (TRACE_DIR != null) trace.add(new long[] {sent.getOrDefault(callId, acceptedAt), acceptedAt, arrivedAt});
        synchronized (histogram) {
            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
        }
    }

    /** Writes the kept triples as "sent nanos, 201 nanos, arrival nanos, sent epoch ms" lines to BENCH_TRACE_DIR/name.csv (no-op without it). */
    void dump(String name) {
        if (TRACE_DIR == null) return;
        StringBuilder sb = new StringBuilder();
        // the fourth column is the POST's wall-clock time (epoch ms), to line a call up with the hub's log
        long wallMinusNanos = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        for (long[] t : trace) {
            sb.append(t[0]).append(',').append(t[1]).append(',').append(t[2]).append(',').append((t[0] + wallMinusNanos) / 1_000_000).append('\n');
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(TRACE_DIR, name + ".csv"), sb);
        } catch (java.io.IOException e) {
            System.out.println("  (trace not written: " + e + ")");
        }
    }

    long count() {
        synchronized (histogram) {
            return histogram.getTotalCount();
        }
    }

    /** End to end (POST sent -> delivery arrived): p50, p99, p99.9 and max in milliseconds. */
    double[] endToEndMs() {
        synchronized (endToEnd) {
            return new double[] {endToEnd.getValueAtPercentile(50) / 1000.0, endToEnd.getValueAtPercentile(99) / 1000.0,
                    endToEnd.getValueAtPercentile(99.9) / 1000.0, endToEnd.getMaxValue() / 1000.0};
        }
    }

    /** p50, p99, p99.9 and max in milliseconds. */
    double[] percentilesMs() {
        synchronized (histogram) {
            return new double[] {histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                    histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0};
        }
    }
}
