package dev.hookline.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Live calls: {@code hookline_incall_answer_seconds{action}}, the time from a {@code voice/inbound}
 * request to its answer, by how the flow ended ({@code forward}, {@code hangup}, or {@code error}
 * when no answer could be made). Thread-safe.
 */
public final class InCallMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15)};

    private final Timer forward;
    private final Timer hangup;
    private final Timer error;

    InCallMetrics(MeterRegistry registry) {
        forward = timer(registry, "forward");
        hangup = timer(registry, "hangup");
        error = timer(registry, "error");
    }

    private static Timer timer(MeterRegistry r, String action) {
        return Timer.builder("hookline.incall.answer").tag("action", action).serviceLevelObjectives(BUCKETS)
                .description("Time from a live call's voice/inbound request to its answer, by the flow's last action").register(r);
    }

    /** A run ended with {@code action} ({@code forward} or {@code hangup}; anything else counts as an error) after {@code nanos}. */
    public void answered(String action, long nanos) {
        Timer t = "forward".equals(action) ? forward : "hangup".equals(action) ? hangup : error;
        t.record(nanos, TimeUnit.NANOSECONDS);
    }
}
