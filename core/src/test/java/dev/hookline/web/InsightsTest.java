package dev.hookline.web;

import dev.hookline.store.InsightStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health aggregates against deliveries the hub really made. */
class InsightsTest {
    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:30:00Z"));
    Receiver ok;
    Receiver failing;
    TestHub hub;

    @BeforeEach
    void start() {
        ok = Receiver.start("127.0.0.1");
        failing = Receiver.start("127.0.0.2").answer(Answer.status(500));
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofSeconds(30))));
    }

    @AfterEach
    void stop() {
        hub.close();
        ok.close();
        failing.close();
    }

    @Test
    void hourlyCountsPerFlowAndStatusAndPerHostRates() {
        String a = hub.flow("+15735550001", ok.url("/a"), "immediate");
        String b = hub.flow("+15735550002", failing.url("/b"), "immediate");
        String last = null;
        for (int i = 0; i < 3; i++) last = hub.call("a" + i, "+15735550001").json().get("delivery_id").asText();
        hub.awaitDelivery(last, d -> d.get("status").asText().equals("succeeded"), Duration.ofSeconds(10));
        String pending = hub.call("b0", "+15735550002").json().get("delivery_id").asText();
        hub.awaitAttempts(pending, 1);
        clock.advance(Duration.ofHours(2));
        for (int i = 3; i < 5; i++) last = hub.call("a" + i, "+15735550001").json().get("delivery_id").asText();
        hub.awaitDelivery(last, d -> d.get("status").asText().equals("succeeded"), Duration.ofSeconds(10));
        hub.post("/api/v1/call-flows/" + a + "/post-call-webhook/test", ""); // a Test delivery: not counted
        String[] other = hub.app().apiKeys().createBusiness("Other");
        hub.as(other[1]).flow("+15735550001", ok.url("/other"), "immediate");

        Insights insights = new Insights(hub.app().store().insights(), clock);
        Insights.Activity activity = insights.activity(hub.app().defaultBusinessId());
        assertThat(activity.byFlow()).containsOnlyKeys(a, b);
        long[][] day = activity.last(a, 24);
        assertThat(day[23]).containsExactly(2, 0, 0); // 12:00, the current hour
        assertThat(day[21]).containsExactly(3, 0, 0); // 10:00
        assertThat(activity.last(b, 24)[21]).containsExactly(0, 0, 1);
        assertThat(activity.startOfLast(24)).isEqualTo(Instant.parse("2026-04-30T13:00:00Z").toEpochMilli());
        assertThat(activity.last(a, Insights.WEEK_HOURS)[Insights.WEEK_HOURS - 3]).containsExactly(3, 0, 0);

        List<InsightStore.HostStats> hosts = insights.endpoints(hub.app().defaultBusinessId(), 24);
        assertThat(hosts).extracting(InsightStore.HostStats::host).containsExactly("127.0.0.1", "127.0.0.2");
        InsightStore.HostStats good = hosts.get(0);
        assertThat(good.attempts()).isEqualTo(5);
        assertThat(good.okAttempts()).isEqualTo(5);
        assertThat(good.deliveries()).isEqualTo(5);
        assertThat(good.p95Ms()).isNotNull().isGreaterThanOrEqualTo(good.p50Ms());
        InsightStore.HostStats bad = hosts.get(1);
        assertThat(bad.attempts()).isEqualTo(1);
        assertThat(bad.okAttempts()).isZero();
        assertThat(insights.endpoints(hub.app().defaultBusinessId(), 1)).extracting(InsightStore.HostStats::host).containsExactly("127.0.0.1");

        List<InsightStore.CallRow> calls = insights.calls(hub.app().defaultBusinessId(), null, null, null, 10);
        assertThat(calls).extracting(InsightStore.CallRow::callId).containsExactly("a4", "a3", "b0", "a2", "a1", "a0");
        assertThat(calls.get(2).lastDelivery()).isEqualTo("pending " + pending);
        assertThat(insights.calls(hub.app().defaultBusinessId(), b, null, null, 10)).extracting(InsightStore.CallRow::callId).containsExactly("b0");
        assertThat(insights.deliveriesOfCall(hub.app().defaultBusinessId(), "b0", 5)).containsExactly(pending);
        assertThat(insights.deliveriesOfCall(other[0], "b0", 5)).isEmpty();
        InsightStore.CallRow third = calls.get(2);
        assertThat(insights.calls(hub.app().defaultBusinessId(), null, third.createdAt(), third.callId(), 10))
                .extracting(InsightStore.CallRow::callId).containsExactly("a2", "a1", "a0");
    }
}
