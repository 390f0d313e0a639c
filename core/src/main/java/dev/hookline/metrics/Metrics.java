package dev.hookline.metrics;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hub's metrics, published in Prometheus text format ({@code GET /metrics}). The one door to
 * Micrometer: features get their part ({@link #deliveries()}, {@link #store()}, {@link #http()},
 * {@link #inCall()}, {@link #retention()}) and call plain methods on it; gauges read what they
 * show from suppliers given here. {@link #disabled()} records nothing (for parts built alone in
 * tests). Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    /** In-flight series per host at most; the rest are summed under {@link #OTHER_HOSTS}. */
    public static final int TOP_HOSTS = 10;
    public static final String OTHER_HOSTS = "_other";
    /** Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final DeliveryMetrics deliveries;
    private final StoreMetrics store;
    private final HttpMetrics http;
    private final InCallMetrics inCall;
    private final RetentionMetrics retention;
    private final List<AutoCloseable> binders = new ArrayList<>();
    private boolean jvmGaugesBound;
    private volatile MultiGauge hostsInFlight;
    private volatile Supplier<Map<String, Integer>> busiestHosts;

    private Metrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.deliveries = new DeliveryMetrics(registry);
        this.store = new StoreMetrics(registry);
        this.http = new HttpMetrics(registry);
        this.inCall = new InCallMetrics(registry);
        this.retention = new RetentionMetrics(registry);
    }

    /**
     * A Prometheus registry with the JVM's own metrics (memory, GC, threads, classes, CPU, uptime,
     * file descriptors). GC events are counted from here on; the rest are gauges, read at each
     * scrape, so they are bound at the first one (about 50 ms less before the hub answers).
     */
    public static Metrics create() {
        PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics m = new Metrics(p, p);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(p);
        m.binders.add(gc);
        return m;
    }

    /** Metrics that go nowhere: every meter is a no-op. */
    public static Metrics disabled() {
        return new Metrics(new CompositeMeterRegistry(), null);
    }

    public DeliveryMetrics deliveries() {
        return deliveries;
    }

    public StoreMetrics store() {
        return store;
    }

    public HttpMetrics http() {
        return http;
    }

    public InCallMetrics inCall() {
        return inCall;
    }

    public RetentionMetrics retention() {
        return retention;
    }

    /**
     * {@code hookline_deliveries_due} and {@code hookline_oldest_due_seconds}, read from {@code backlog}
     * at most once per {@code maxAge} of {@code millis} (the query counts rows; a scrape must not).
     */
    public void deliveryBacklog(Supplier<Backlog> backlog, java.util.function.LongSupplier millis, long maxAgeMillis) {
        CachedBacklog cached = new CachedBacklog(backlog, millis, maxAgeMillis);
        Gauge.builder("hookline.deliveries.due", cached, c -> c.get().due()).strongReference(true)
                .description("Pending deliveries whose next attempt is due and that no worker has taken yet").register(registry);
        Gauge.builder("hookline.oldest.due", cached, c -> c.get().oldestDueSeconds()).strongReference(true).baseUnit("seconds")
                .description("How long the longest-waiting due delivery has been due (0 when none is)").register(registry);
    }

    /**
     * {@code hookline_delivery_in_flight{host}}: attempts in flight per host, read from {@code perHost}
     * at each scrape; only the {@link #TOP_HOSTS} busiest hosts get a series, the rest are summed under {@code _other}.
     */
    public void hostsInFlight(Supplier<Map<String, Integer>> perHost) {
        this.busiestHosts = perHost;
        this.hostsInFlight = MultiGauge.builder("hookline.delivery.in.flight")
                .description("Post-call attempts in flight per endpoint host (busiest hosts only)").register(registry);
    }

    /** {@code hookline_store_healthy}: 1 while the store takes writes. */
    public void storeHealth(java.util.function.BooleanSupplier healthy) {
        Gauge.builder("hookline.store.healthy", healthy, h -> h.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 while the store takes writes, 0 while writes fail").register(registry);
    }

    /** {@code GET /metrics} (no key): the Prometheus text exposition. */
    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(scrape()));
    }

    /** The Prometheus text exposition of every meter; empty when disabled. */
    public String scrape() {
        if (prometheus == null) return "";
        bindJvmGauges();
        refreshHosts();
        return prometheus.scrape();
    }

    private synchronized void bindJvmGauges() {
        if (jvmGaugesBound) return;
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
        jvmGaugesBound = true;
    }

    private void refreshHosts() {
        MultiGauge g = hostsInFlight;
        if (g == null) return;
        Map<String, Integer> top = TopHosts.of(busiestHosts.get(), TOP_HOSTS, OTHER_HOSTS);
        List<MultiGauge.Row<?>> rows = new ArrayList<>(top.size());
        top.forEach((host, n) -> rows.add(MultiGauge.Row.of(Tags.of("host", host), n)));
        g.register(rows, true);
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception ignored) {
                // JVM listeners only; the process is stopping
            }
        }
        registry.close();
    }
}
