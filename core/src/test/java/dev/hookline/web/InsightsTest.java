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
        delivered(0, 3, "+15735550001");
        String pending = hub.call("b0", "+15735550002").json().get("delivery_id").asText();
        hub.awaitAttempts(pending, 1);
        clock.advance(Duration.ofHours(2));
        delivered(3, 5, "+15735550001");
        hub.post("/api/v1/call-flows/" + a + "/post-call-webhook/test", ""); // a Test delivery: not counted
        String[] other = hub.app().apiKeys().createBusiness("Other");
        hub.as(other[1]).flow("+15735550001", ok.url("/other"), "immediate");

        Insights insights = new Insights(hub.app().store().insights(), clock, Duration.ZERO);
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

    @Test
    void hoursThatCanNoLongerChangeAreCountedOnceAndTheRestOnEveryView() {
        String a = hub.flow("+15735550011", ok.url("/a"), "immediate");
        String b = hub.flow("+15735550012", failing.url("/b"), "immediate");
        delivered(0, 3, "+15735550011");
        String retried = hub.call("b0", "+15735550012").json().get("delivery_id").asText();
        hub.awaitAttempts(retried, 1); // failed once, pending until its retry 30 s later
        clock.advance(Duration.ofHours(2)); // 12:30
        String business = hub.app().defaultBusinessId();
        RecordingStore store = new RecordingStore(hub.app().store().insights());
        Insights insights = new Insights(store, clock, Duration.ofDays(90));
        long tenOClock = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();

        Insights.Activity first = insights.activity(business);
        assertThat(store.starts).containsExactly(first.start()); // the whole week, once
        assertSameCounts(first, fresh(business));
        assertThat(first.last(b, 24)[21]).containsExactly(0, 0, 1);
        insights.activity(business);
        assertThat(store.starts).last().isEqualTo(tenOClock); // 10:00 still holds a pending delivery: counted again

        hub.app().dispatcher().wake(); // the retry fails too: the delivery ends failed
        hub.awaitDelivery(retried, d -> d.get("status").asText().equals("failed"), Duration.ofSeconds(10));
        Insights.Activity settled = insights.activity(business);
        assertThat(store.starts).last().isEqualTo(tenOClock);
        assertThat(settled.last(b, 24)[21]).containsExactly(0, 1, 0);
        assertSameCounts(settled, fresh(business));
        insights.activity(business);
        assertThat(store.starts).last().isEqualTo(tenOClock + 2 * Insights.HOUR); // 10:00 and 11:00 are final; 12:00 is open

        // a delivery in the open hour counts at once; one flow's view takes that flow's final hours from memory
        delivered(3, 5, "+15735550011");
        Insights.Activity later = insights.activity(business);
        assertThat(later.last(a, 24)[23]).containsExactly(2, 0, 0);
        assertThat(later.last(a, 24)[21]).containsExactly(3, 0, 0);
        assertSameCounts(later, fresh(business));
        Insights.Activity onlyA = insights.activity(business, a);
        assertThat(onlyA.byFlow()).containsOnlyKeys(a);
        assertThat(onlyA.last(a, 24)[21]).containsExactly(3, 0, 0);
        assertThat(store.flows).last().isEqualTo(a);

        // an hour later (13:30) the window slides: counted from 12:00, the first hour that was open, which is final now
        clock.advance(Duration.ofHours(1));
        assertSameCounts(insights.activity(business), fresh(business));
        assertThat(store.starts).last().isEqualTo(tenOClock + 2 * Insights.HOUR);
        assertSameCounts(insights.activity(business), fresh(business));
        assertThat(store.starts).last().isEqualTo(tenOClock + 3 * Insights.HOUR);
    }

    @Test
    void withARetentionShorterThanTheWeekEveryViewCountsTheWholeWeek() {
        String a = hub.flow("+15735550021", ok.url("/a"), "immediate");
        String d = hub.call("a0", "+15735550021").json().get("delivery_id").asText();
        hub.awaitDelivery(d, x -> x.get("status").asText().equals("succeeded"), Duration.ofSeconds(10));
        clock.advance(Duration.ofHours(3));
        RecordingStore store = new RecordingStore(hub.app().store().insights());
        Insights insights = new Insights(store, clock, Duration.ofDays(3)); // past hours lose rows to retention
        Insights.Activity first = insights.activity(hub.app().defaultBusinessId());
        insights.activity(hub.app().defaultBusinessId());
        assertThat(store.starts).containsExactly(first.start(), first.start());
        assertThat(first.last(a, 24)[20]).containsExactly(1, 0, 0);
    }

    private Insights.Activity fresh(String business) {
        return new Insights(hub.app().store().insights(), clock, Duration.ofDays(90)).activity(business);
    }

    private static void assertSameCounts(Insights.Activity actual, Insights.Activity expected) {
        assertThat(actual.start()).isEqualTo(expected.start());
        assertThat(actual.byFlow().keySet()).isEqualTo(expected.byFlow().keySet());
        expected.byFlow().forEach((flow, hours) -> assertThat(actual.byFlow().get(flow)).as(flow).isDeepEqualTo(hours));
    }

    /** The hub's own insight store, noting the window and flow of each hourly count it is asked for. */
    private static final class RecordingStore implements InsightStore {
        final List<Long> starts = new java.util.ArrayList<>();
        final List<String> flows = new java.util.ArrayList<>();
        private final InsightStore store;

        RecordingStore(InsightStore store) {
            this.store = store;
        }

        @Override
        public List<FlowHour> flowHours(String businessId, String flowId, long start, int hours) {
            starts.add(start);
            flows.add(flowId);
            return store.flowHours(businessId, flowId, start, hours);
        }

        @Override
        public List<HostStats> hostStats(String businessId, long since, int sample) {
            return store.hostStats(businessId, since, sample);
        }

        @Override
        public List<CallRow> recentCalls(String businessId, String flowId, Long beforeCreated, String beforeId, int limit) {
            return store.recentCalls(businessId, flowId, beforeCreated, beforeId, limit);
        }

        @Override
        public List<String> deliveryIdsOfCall(String businessId, String callId, int limit) {
            return store.deliveryIdsOfCall(businessId, callId, limit);
        }

        @Override
        public java.util.Optional<String> businessName(String businessId) {
            return store.businessName(businessId);
        }
    }

    /** Calls a{from}..a{to - 1} to {@code number}, back once every one of their deliveries succeeded (they finish in any order). */
    private void delivered(int from, int to, String number) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) ids.add(hub.call("a" + i, number).json().get("delivery_id").asText());
        for (String id : ids) hub.awaitDelivery(id, d -> d.get("status").asText().equals("succeeded"), Duration.ofSeconds(10));
    }
}
