package dev.hookline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a real hub: scraped before and after a known number of deliveries, calls and requests. */
class MetricsApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    TestHub hub;
    final List<Receiver> receivers = new ArrayList<>();

    void start(Duration postCallTimeout) {
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)))
                .withPostCallTimeout(postCallTimeout));
    }

    Receiver receiver(String host, Answer answer) {
        Receiver r = Receiver.start(host).answer(answer);
        receivers.add(r);
        return r;
    }

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
        receivers.forEach(Receiver::close);
    }

    Scrape scrape() {
        TestHub.Reply r = hub.withoutKey().get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return Scrape.parse(r.body());
    }

    @Test
    void deliveryCountersAndAttemptHistogramMoveByExactlyWhatHappened() {
        start(Duration.ofSeconds(5));
        Receiver ok = receiver("127.0.0.1", Answer.ok("ok"));
        Receiver failing = receiver("127.0.0.1", Answer.status(500));
        hub.flow("+15735550001", ok.url("/hook"), "immediate");
        hub.flow("+15735550002", failing.url("/hook"), "immediate");
        Scrape before = scrape();

        List<String> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) good.add(hub.call("ok-" + i, "+15735550001").json().get("delivery_id").asText());
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 2; i++) bad.add(hub.call("bad-" + i, "+15735550002").json().get("delivery_id").asText());
        good.forEach(id -> hub.awaitDelivery(id, d -> d.get("status").asText().equals("succeeded"), WAIT));
        bad.forEach(id -> hub.awaitAttempts(id, 1));

        // both failed deliveries are due 30 s after their first attempt; 40 s on, they have waited 10 s
        clock.advance(Duration.ofSeconds(40));
        Scrape due = scrape();
        assertThat(due.value("hookline_deliveries_due")).isEqualTo(2);
        assertThat(due.value("hookline_oldest_due_seconds")).isEqualTo(10);

        hub.app().dispatcher().wake();
        bad.forEach(id -> hub.awaitAttempts(id, 2));
        clock.advance(Duration.ofMinutes(2));
        hub.app().dispatcher().wake();
        bad.forEach(id -> hub.awaitDelivery(id, d -> d.get("status").asText().equals("failed"), WAIT));
        Scrape after = scrape();

        assertThat(delta(before, after, "hookline_deliveries_total", "outcome=succeeded", "connector=webhook")).isEqualTo(3);
        assertThat(delta(before, after, "hookline_deliveries_total", "outcome=failed", "connector=webhook")).isEqualTo(2);
        assertThat(delta(before, after, "hookline_delivery_attempt_seconds_count", "outcome=success", "connector=webhook")).isEqualTo(3);
        assertThat(delta(before, after, "hookline_delivery_attempt_seconds_count", "outcome=failure", "connector=webhook")).isEqualTo(6);
        assertThat(delta(before, after, "hookline_delivery_attempt_seconds_bucket", "outcome=failure", "connector=webhook", "le=+Inf"))
                .isEqualTo(6);
        assertThat(delta(before, after, "hookline_delivery_attempt_seconds_bucket", "outcome=success", "connector=webhook", "le=30.0"))
                .isEqualTo(3);
        assertThat(delta(before, after, "hookline_http_server_requests_seconds_count", "method=POST", "route=/api/v1/calls", "status=201"))
                .isEqualTo(5);
        assertThat(after.value("hookline_deliveries_due")).isZero();
        assertThat(after.value("hookline_oldest_due_seconds")).isZero();
    }

    @Test
    void requestsAreCountedByRouteTemplateNotByPath() {
        start(Duration.ofSeconds(5));
        Scrape before = scrape();
        hub.get("/api/v1/calls/missing-1");
        hub.get("/api/v1/calls/missing-2");
        hub.withoutKey().get("/no/such/page");
        Scrape after = scrape();

        assertThat(delta(before, after, "hookline_http_server_requests_seconds_count", "method=GET", "route=/api/v1/calls/{id}", "status=404"))
                .isEqualTo(2);
        assertThat(delta(before, after, "hookline_http_server_requests_seconds_count", "route=unmatched", "status=404")).isEqualTo(1);
        assertThat(after.series().keySet()).noneMatch(k -> k.contains("missing-1") || k.contains("/no/such/page"));
    }

    @Test
    void inCallAnswersAreTimedByHowTheFlowEnded() {
        start(Duration.ofSeconds(5));
        hub.post("/api/v1/call-flows", "{\"name\":\"live\",\"tracking_numbers\":[\"+15735550003\"],"
                + "\"steps\":[{\"type\":\"say\",\"message\":\"hi\"},{\"type\":\"forward\",\"destination\":\"+13055554567\"}]}");
        Scrape before = scrape();
        for (int i = 0; i < 2; i++) {
            TestHub.Reply r = hub.post("/api/v1/voice/inbound", "{\"From\":\"+13055551234\",\"To\":\"+15735550003\",\"CallSid\":\"CA" + i + "\"}");
            assertThat(r.status()).isEqualTo(200);
        }
        Scrape after = scrape();
        assertThat(delta(before, after, "hookline_incall_answer_seconds_count", "action=forward")).isEqualTo(2);
        assertThat(delta(before, after, "hookline_incall_answer_seconds_count", "action=hangup")).isZero();
        assertThat(delta(before, after, "hookline_http_server_requests_seconds_count", "route=/api/v1/voice/inbound", "status=200"))
                .isEqualTo(2);
    }

    @Test
    void inFlightAttemptsAreShownPerHost() throws Exception {
        start(Duration.ofSeconds(20));
        Receiver slow = receiver("127.0.0.2", Answer.hang(Duration.ofSeconds(5)));
        hub.flow("+15735550004", slow.url("/hook"), "immediate");
        for (int i = 0; i < 3; i++) hub.call("slow-" + i, "+15735550004");
        for (int i = 0; i < 3; i++) slow.next(WAIT);
        Scrape s = scrape();
        assertThat(s.value("hookline_delivery_in_flight", "host=127.0.0.2")).isEqualTo(3);
    }

    @Test
    void storeAndJvmMetricsAreThereWithoutAKey() {
        start(Duration.ofSeconds(5));
        Scrape before = scrape();
        for (String jvm : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage",
                "process_uptime_seconds", "process_files_open_files"}) {
            assertThat(before.has(jvm)).as(jvm + " in the first scrape (the JVM's gauges are bound by it)").isTrue();
        }
        hub.post("/api/v1/call-flows", "{\"name\":\"n\",\"tracking_numbers\":[\"+15735550005\"]}");
        Scrape after = scrape();
        assertThat(delta(before, after, "hookline_store_writes_total")).isPositive();
        assertThat(after.value("hookline_store_write_seconds_count")).isPositive();
        assertThat(after.has("hookline_store_write_queue")).isTrue();
        assertThat(after.value("hookline_store_write_errors_total")).isZero();
        assertThat(after.value("hookline_store_healthy")).isEqualTo(1);
        assertThat(after.value("hookline_store_size_bytes")).isPositive();
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        assertThat(after.has("jvm_gc_pause_seconds") || after.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        assertThat(after.has("process_cpu_usage")).isTrue();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
