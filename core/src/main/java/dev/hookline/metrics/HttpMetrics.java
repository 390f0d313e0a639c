package dev.hookline.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The HTTP server: {@code hookline_http_server_requests_seconds{method,route,status}}, where
 * {@code route} is the route's template ({@code /api/v1/calls/{id}}, never the raw path) or
 * {@code unmatched}. Timers are made once per route, method and status, so recording allocates
 * nothing. Thread-safe.
 */
public final class HttpMetrics {
    static final String UNMATCHED = "unmatched";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15)};

    private final MeterRegistry registry;
    /** route template, then method, then status (100-599). */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicReferenceArray<Timer>>> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times every request (Javalin's request logger, called once the answer is complete, async ones included). */
    public void install(JavalinConfig cfg) {
        cfg.requestLogger.http(this::completed);
    }

    private void completed(Context ctx, Float millis) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        String route = e == null ? UNMATCHED : e.path;
        String method = e == null ? ctx.method().name() : e.method.name();
        request(method, route, ctx.statusCode(), millis == null ? 0 : (long) (millis * 1_000_000));
    }

    /** One request to {@code route} answered {@code status} after {@code nanos}. */
    public void request(String method, String route, int status, long nanos) {
        timer(method, route, status).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, String route, int status) {
        int s = status < 100 || status > 599 ? 0 : status - 100;
        ConcurrentHashMap<String, AtomicReferenceArray<Timer>> byMethod = timers.get(route);
        if (byMethod == null) byMethod = timers.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        AtomicReferenceArray<Timer> byStatus = byMethod.get(method);
        if (byStatus == null) byStatus = byMethod.computeIfAbsent(method, m -> new AtomicReferenceArray<>(500));
        Timer t = byStatus.get(s);
        if (t == null) {
            t = Timer.builder("hookline.http.server.requests").tag("method", method).tag("route", route)
                    .tag("status", Integer.toString(s + 100)).serviceLevelObjectives(BUCKETS)
                    .description("HTTP requests by route template and status").register(registry);
            byStatus.set(s, t);
        }
        return t;
    }
}
