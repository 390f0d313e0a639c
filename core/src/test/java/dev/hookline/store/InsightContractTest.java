package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.model.Attempt;
import dev.hookline.model.Call;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.model.Endpoint;
import dev.hookline.model.FiringMode;
import dev.hookline.store.DeliveryStore.Picker.Verdict;
import dev.hookline.store.InsightStore.CallRow;
import dev.hookline.store.InsightStore.FlowHour;
import dev.hookline.store.InsightStore.HostStats;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's queries on every store: hourly counts per flow and status, per host attempt
 * rates and percentiles of a bounded sample, and the recent-calls list with each call's newest
 * delivery. Test deliveries and other businesses stay out of every aggregate.
 */
public abstract class InsightContractTest extends StoreFixture {
    private static final long HOUR = 3_600_000;
    private long start;

    @BeforeEach
    void flows() {
        start = t0 - t0 % HOUR;
        store.flows().create(StoreContractTest.flow(business, "f-a", List.of("+1001"), FiringMode.IMMEDIATE));
        store.flows().create(StoreContractTest.flow(business, "f-b", List.of("+1002"), FiringMode.IMMEDIATE));
        store.keys().createBusiness("b-2", "Second", t0, new KeyStore.StoredKey("k-2", "b-2", "k", "hk_abc", "hash-2", false, t0, null, null));
        store.flows().create(StoreContractTest.flow("b-2", "f-c", List.of("+1003"), FiringMode.IMMEDIATE));
    }

    private static Call call(String businessId, String id, String flowId, long at, Map<String, Object> details) {
        return new Call(id, businessId, flowId, "+1001", "+13055559876", "completed", details, false, null, at, at);
    }

    /** A delivery of call {@code c} to {@code host}, created at {@code at}, already {@code status} (pending ones are due at once). */
    private static Delivery delivery(Call c, String id, String host, long at, DeliveryStatus status) {
        CallFlow flow = StoreContractTest.flow(c.businessId(), c.callFlowId(), List.of(), FiringMode.IMMEDIATE);
        Endpoint e = new Endpoint("https://" + host + "/hook", host, "webhook", "{}", "whsec_test", "{}");
        Delivery d = Delivery.pending(id, c, flow, "call.completed", e, 3, false, at, at);
        if (status == DeliveryStatus.PENDING) return d;
        return new Delivery(id, d.businessId(), d.callId(), d.callFlowId(), d.callFlowName(), d.event(), d.endpoint(), status, false, null, 1, 3,
                false, null, 0, at, null, at + 1, status == DeliveryStatus.FAILED ? "gave up" : null, null, null);
    }

    /** Stores call {@code id} of {@code flowId} created at {@code at} with one delivery of {@code status}. */
    private void stored(String businessId, String id, String flowId, long at, DeliveryStatus status) {
        Call c = call(businessId, id, flowId, at, Map.of());
        store.calls().ingest(c, delivery(c, "d-" + id, "a.example", at, status), l -> l).join();
    }

    /** One attempt of pending delivery {@code id}: answered {@code code} after {@code ms} (null: no answer), leaving it {@code status}. */
    private void attempt(String id, Integer code, Long ms, DeliveryStatus status) throws Exception {
        Delivery claimed = store.deliveries().claimDue(t0 + HOUR, 10, Set.of(), x -> x.deliveryId().equals(id) ? Verdict.TAKE : Verdict.SKIP, "run")
                .deliveries().get(0);
        boolean end = status != DeliveryStatus.PENDING;
        store.deliveries().record(new DeliveryStore.Outcome(new Attempt(id, claimed.attempts(), t0, code, ms, code == null ? "refused" : null, "x"),
                "run", status, end ? null : t0, end ? t0 : null, null)).get(10, TimeUnit.SECONDS);
    }

    private void sent(String businessId, String id, String host, long at) {
        Call c = call(businessId, id, "f-a", at, Map.of());
        store.calls().ingest(c, delivery(c, "d-" + id, host, at, DeliveryStatus.PENDING), l -> l).join();
    }

    @Test
    void hourlyCountsPerFlowAndStatusCoverEveryFlowOfTheBusinessAndLeaveOutTests() {
        stored(business, "a1", "f-a", start + 10 * 60_000, DeliveryStatus.SUCCEEDED);
        stored(business, "a2", "f-a", start + 20 * 60_000, DeliveryStatus.FAILED);
        stored(business, "a3", "f-a", start + HOUR + 5 * 60_000, DeliveryStatus.PENDING);
        stored(business, "a4", "f-a", start + 2 * HOUR + 60_000, DeliveryStatus.SUCCEEDED);
        stored(business, "a-early", "f-a", start - 1, DeliveryStatus.SUCCEEDED);
        stored(business, "a-late", "f-a", start + 3 * HOUR, DeliveryStatus.SUCCEEDED);
        stored(business, "b1", "f-b", start + 30 * 60_000, DeliveryStatus.FAILED);
        stored("b-2", "c1", "f-c", start + 10 * 60_000, DeliveryStatus.SUCCEEDED);
        Call a1 = store.calls().find(business, "a1").orElseThrow();
        store.deliveries().insert(delivery(a1, "d-test", "a.example", start + 10 * 60_000, DeliveryStatus.SUCCEEDED).asTest());

        List<FlowHour> rows = store.insights().flowHours(business, null, start, 3);

        assertThat(rows).hasSize(2 * 3 * 3);
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(r.callFlowId() + " " + r.bucket() + " " + r.status(), r.n()));
        Map<String, Long> nonZero = new LinkedHashMap<>();
        counts.forEach((k, n) -> {
            if (n != 0) nonZero.put(k, n);
        });
        assertThat(nonZero).containsOnly(Map.entry("f-a 0 succeeded", 1L), Map.entry("f-a 0 failed", 1L), Map.entry("f-a 1 pending", 1L),
                Map.entry("f-a 2 succeeded", 1L), Map.entry("f-b 0 failed", 1L));
        assertThat(counts).containsKeys("f-b 2 pending", "f-a 2 failed");
        assertThat(store.insights().flowHours("nobody", null, start, 3)).isEmpty();
        List<FlowHour> one = store.insights().flowHours(business, "f-b", start, 3);
        assertThat(one).as("one flow's rows only").hasSize(3 * 3).allMatch(r -> r.callFlowId().equals("f-b"));
        assertThat(one).filteredOn(r -> r.n() != 0).containsExactly(new FlowHour("f-b", 0, "failed", 1));
    }

    @Test
    void perHostRatesAndPercentilesComeFromTheNewestDeliveriesOfTheBusinessOnly() throws Exception {
        sent(business, "old", "c.example", t0 - 2 * HOUR);
        attempt("d-old", 200, 5L, DeliveryStatus.SUCCEEDED);
        sent(business, "h1", "a.example", t0 + 1);
        attempt("d-h1", 500, 40L, DeliveryStatus.PENDING);
        attempt("d-h1", 200, 10L, DeliveryStatus.SUCCEEDED);
        sent(business, "h2", "a.example", t0 + 2);
        attempt("d-h2", 200, 20L, DeliveryStatus.SUCCEEDED);
        sent(business, "h3", "a.example", t0 + 3);
        attempt("d-h3", 204, 30L, DeliveryStatus.SUCCEEDED);
        sent("b-2", "other", "a.example", t0 + 4);
        attempt("d-other", 500, 900L, DeliveryStatus.FAILED);
        Call h1 = store.calls().find(business, "h1").orElseThrow();
        store.deliveries().insert(delivery(h1, "d-test", "a.example", t0 + 5, DeliveryStatus.PENDING).asTest().claimed("run"));
        store.deliveries().record(new DeliveryStore.Outcome(new Attempt("d-test", 1, t0, 200, 1_000L, null, "x"), "run", DeliveryStatus.SUCCEEDED,
                null, t0, null)).get(10, TimeUnit.SECONDS);
        sent(business, "h4", "b.example", t0 + 6);
        attempt("d-h4", null, null, DeliveryStatus.PENDING);
        attempt("d-h4", 500, 50L, DeliveryStatus.FAILED);

        List<HostStats> hosts = store.insights().hostStats(business, t0 - HOUR, 100);

        assertThat(hosts).containsExactly(new HostStats("a.example", 4, 3, 3, 0, 20L, 40L), new HostStats("b.example", 2, 0, 1, 1, 50L, 50L));
        assertThat(store.insights().hostStats(business, t0 - HOUR, 1)).as("the newest delivery only")
                .containsExactly(new HostStats("b.example", 2, 0, 1, 1, 50L, 50L));
        assertThat(store.insights().hostStats(business, t0 - 3 * HOUR, 100)).extracting(HostStats::host)
                .containsExactly("a.example", "b.example", "c.example");
        assertThat(store.insights().hostStats("nobody", 0, 100)).isEmpty();
    }

    @Test
    void recentCallsPageNewestFirstWithTheirNewestDeliveryAndAiFields() {
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("ai_score", 85);
        ai.put("ai_category", "lead");
        Call scored = call(business, "r-1", "f-a", t0, ai);
        store.calls().ingest(scored, delivery(scored, "d-r1-old", "a.example", t0, DeliveryStatus.FAILED), l -> l).join();
        store.deliveries().insert(delivery(scored, "d-r1-new", "a.example", t0 + 10, DeliveryStatus.SUCCEEDED));
        store.deliveries().insert(delivery(scored, "d-r1-test", "a.example", t0 + 20, DeliveryStatus.FAILED).asTest());
        store.calls().ingest(call(business, "r-2", "f-b", t0 + 1, Map.of()), null, l -> l).join();
        store.calls().ingest(call(business, "r-3a", "f-a", t0 + 2, Map.of()), null, l -> l).join();
        store.calls().ingest(call(business, "r-3b", "f-a", t0 + 2, Map.of()), null, l -> l).join();
        store.calls().ingest(call("b-2", "r-other", "f-c", t0 + 3, Map.of()), null, l -> l).join();

        List<CallRow> all = store.insights().recentCalls(business, null, null, null, 10);
        assertThat(all).extracting(CallRow::callId).containsExactly("r-3b", "r-3a", "r-2", "r-1");
        CallRow r1 = all.get(3);
        assertThat(r1.lastDelivery()).as("the newest delivery that is not a Test").isEqualTo("succeeded d-r1-new");
        assertThat(r1.aiScore()).isEqualTo("85");
        assertThat(r1.aiCategory()).isEqualTo("lead");
        assertThat(r1.callFlowId()).isEqualTo("f-a");
        assertThat(r1.createdAt()).isEqualTo(t0);
        assertThat(all.get(1).lastDelivery()).isNull();
        assertThat(all.get(1).aiScore()).isNull();

        List<CallRow> first = store.insights().recentCalls(business, null, null, null, 2);
        assertThat(first).extracting(CallRow::callId).containsExactly("r-3b", "r-3a");
        CallRow last = first.get(1);
        assertThat(store.insights().recentCalls(business, null, last.createdAt(), last.callId(), 2)).extracting(CallRow::callId)
                .containsExactly("r-2", "r-1");
        assertThat(store.insights().recentCalls(business, null, t0 + 2, "r-3b", 10)).extracting(CallRow::callId)
                .as("a tie of times goes on by id").containsExactly("r-3a", "r-2", "r-1");
        assertThat(store.insights().recentCalls(business, "f-a", null, null, 10)).extracting(CallRow::callId).containsExactly("r-3b", "r-3a", "r-1");
        assertThat(store.insights().recentCalls("b-2", null, null, null, 10)).extracting(CallRow::callId).containsExactly("r-other");

        assertThat(store.insights().deliveryIdsOfCall(business, "r-1", 10)).containsExactly("d-r1-test", "d-r1-new", "d-r1-old");
        assertThat(store.insights().deliveryIdsOfCall(business, "r-1", 1)).containsExactly("d-r1-test");
        assertThat(store.insights().deliveryIdsOfCall("b-2", "r-1", 10)).isEmpty();
        assertThat(store.insights().businessName(business)).contains("Default");
        assertThat(store.insights().businessName("nobody")).isEmpty();
    }
}
