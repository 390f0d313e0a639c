package dev.hookline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Post-call delivery: {@code hookline_deliveries_total{outcome,connector}} (deliveries that reached
 * their final status: succeeded or failed) and {@code hookline_delivery_attempt_seconds{connector,outcome}}
 * (each attempt's time, outcome success or failure). Meters are made once per connector, so
 * recording allocates nothing. Thread-safe.
 */
public final class DeliveryMetrics {
    static final Duration[] ATTEMPT_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Meters> byConnector = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One attempt ended after {@code millis}. */
    public void attempt(String connector, boolean succeeded, long millis) {
        Meters m = meters(connector);
        (succeeded ? m.attemptOk : m.attemptFailed).record(millis, TimeUnit.MILLISECONDS);
    }

    /** A delivery reached its final status. */
    public void finished(String connector, boolean succeeded) {
        Meters m = meters(connector);
        (succeeded ? m.succeeded : m.failed).increment();
    }

    private Meters meters(String connector) {
        Meters m = byConnector.get(connector);
        return m != null ? m : byConnector.computeIfAbsent(connector, c -> new Meters(registry, c));
    }

    private static final class Meters {
        final Counter succeeded;
        final Counter failed;
        final Timer attemptOk;
        final Timer attemptFailed;

        Meters(MeterRegistry r, String connector) {
            succeeded = deliveries(r, connector, "succeeded");
            failed = deliveries(r, connector, "failed");
            attemptOk = attempts(r, connector, "success");
            attemptFailed = attempts(r, connector, "failure");
        }

        private static Counter deliveries(MeterRegistry r, String connector, String outcome) {
            return Counter.builder("hookline.deliveries").tag("outcome", outcome).tag("connector", connector)
                    .description("Post-call deliveries that reached their final status").register(r);
        }

        private static Timer attempts(MeterRegistry r, String connector, String outcome) {
            return Timer.builder("hookline.delivery.attempt").tag("connector", connector).tag("outcome", outcome)
                    .serviceLevelObjectives(ATTEMPT_BUCKETS).description("Time of each post-call attempt, from its start to its answer or failure")
                    .register(r);
        }
    }
}
