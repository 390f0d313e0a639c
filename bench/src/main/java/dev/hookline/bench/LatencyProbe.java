package dev.hookline.bench;

import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Pairs each call's 201 with its arrival at the receiver, whichever comes first, and records the
 * gap (microseconds) in an HdrHistogram. A delivery that beats the 201 to the bench counts as 0.
 */
final class LatencyProbe {
    private final ConcurrentHashMap<String, Long> accepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> arrived = new ConcurrentHashMap<>();
    private final Histogram histogram = new Histogram(60_000_000L, 3);
    private final String prefix;

    LatencyProbe(String prefix) {
        this.prefix = prefix;
    }

    void accepted(String callId, long nanos) {
        Long a = arrived.remove(callId);
        if (a != null) record(nanos, a);
        else accepted.put(callId, nanos);
    }

    void arrived(String callId, long nanos) {
        if (callId == null || !callId.startsWith(prefix)) return;
        Long t = accepted.remove(callId);
        if (t != null) record(t, nanos);
        else arrived.put(callId, nanos);
    }

    private void record(long acceptedAt, long arrivedAt) {
        long micros = Math.max(0, (arrivedAt - acceptedAt) / 1000);
        synchronized (histogram) {
            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
        }
    }

    long count() {
        synchronized (histogram) {
            return histogram.getTotalCount();
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
