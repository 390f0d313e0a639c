package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.model.Attempt;
import dev.hookline.model.Call;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.model.Endpoint;
import dev.hookline.model.FiringMode;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.store.DeliveryStore.Picker.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every store must do behind the seam, run against each implementation (a subclass per
 * store): calls, flows, the outbox and its claims, traces and keys.
 */
public abstract class StoreContractTest extends StoreFixture {
    protected static Call call(String business, String id, long at) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("duration_seconds", 145);
        details.put("source", "google");
        return new Call(id, business, "f-1", "+15735551234", "+13055559876", "completed", details, false, null, at, at);
    }

    public static CallFlow flowFor(String business, String id, List<String> numbers, FiringMode mode) {
        return flow(business, id, numbers, mode);
    }

    protected static CallFlow flow(String business, String id, List<String> numbers, FiringMode mode) {
        return new CallFlow(id, business, "Flow " + id, numbers, new PostCallWebhook(true, "https://hooks.example.com/" + id, mode, "webhook",
                Map.of("k", "v"), dev.hookline.model.WebhookOptions.NONE), List.of(), "whsec_test", 1, 1);
    }

    protected static Delivery delivery(Call c, String id, String host, long at, Long due) {
        Endpoint e = new Endpoint("https://" + host + "/hook", host, "webhook", "{}", "whsec_test", "{}");
        return Delivery.pending(id, c, flow(c.businessId(), "f-1", List.of(), FiringMode.IMMEDIATE), "call.completed", e, 3, false, at, due);
    }

    /** Stores a call with a delivery due at {@code due} to {@code host}; returns the delivery. */
    protected Delivery queued(String callId, String host, Long due) {
        Call c = call(business, callId, t0);
        Delivery d = delivery(c, "d-" + callId, host, t0, due);
        store.calls().ingest(c, d, live -> live).join();
        return d;
    }

    protected static DeliveryStore.Outcome outcome(Delivery claimed, String runId, DeliveryStatus status, Integer code, Long next, long at) {
        return new DeliveryStore.Outcome(new Attempt(claimed.deliveryId(), claimed.attempts(), at, code, 12L, code == null ? "refused" : null, "ok"),
                runId, status, next, next == null ? at : null, code == null ? "refused" : null);
    }

    // ---- calls

    @Test
    void aCallsFieldsKeepEveryCharacterThroughEachWrite() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caller_name", "Zoë Ångström — 東京 🚀");
        details.put("source", "google \"ads\"\n");
        store.calls().ingest(new Call("c-u", business, "f-1", "+15735551234", "+13055559876", "completed", details, false, null, t0, t0),
                null, live -> live).join();
        assertThat(store.calls().find(business, "c-u").orElseThrow().details()).isEqualTo(details);
        store.calls().addDetails(business, "c-u", Map.of("tags", "vip ✓"));
        store.calls().addAnalysis(business, "c-u", Map.of("summary", "Réservation confirmée", "ai_score", 87), false, t0);
        Map<String, Object> stored = store.calls().find(business, "c-u").orElseThrow().details();
        assertThat(stored).containsEntry("caller_name", "Zoë Ångström — 東京 🚀").containsEntry("source", "google \"ads\"\n")
                .containsEntry("tags", "vip ✓").containsEntry("summary", "Réservation confirmée").containsEntry("ai_score", 87);
    }

    @Test
    void aCallIsStoredOnceWithItsDeliveryAndAReportAgainChangesNothing() {
        Call c = call(business, "c-1", t0);
        Delivery d = delivery(c, "d-1", "a.example", t0, t0);
        assertThat(store.calls().ingest(c, d, live -> live).join().created()).isTrue();
        CallStore.Ingested again = store.calls().ingest(call(business, "c-1", t0 + 5), delivery(c, "d-2", "a.example", t0, t0), live -> live).join();
        assertThat(again.created()).isFalse();
        assertThat(again.call().createdAt()).isEqualTo(t0);
        assertThat(store.deliveries().find(business, "d-2")).isEmpty();
        Call stored = store.calls().find(business, "c-1").orElseThrow();
        assertThat(stored.details()).containsOnly(Map.entry("duration_seconds", 145), Map.entry("source", "google"));
        assertThat(store.calls().findAll(business, Set.of("c-1", "nope")).keySet()).containsExactly("c-1");
        assertThat(store.calls().find("other-business", "c-1")).isEmpty();
        assertThat(store.calls().latestReported(business, "f-1").orElseThrow().callId()).isEqualTo("c-1");
    }

    @Test
    void aCallSeenLiveIsCompletedByItsReportAndKeepsItsTrace() throws Exception {
        store.traces().save(new TraceStore.LiveTrace(business, "live-1", "f-1", "+15735551234", "+13055559876", "[{\"step\":1}]", t0 - 60_000),
                () -> true).get(10, TimeUnit.SECONDS);
        Call live = store.calls().find(business, "live-1").orElseThrow();
        assertThat(live.status()).isNull();
        assertThat(live.reportedAt()).isNull();
        Call report = call(business, "live-1", t0);
        CallStore.Ingested in = store.calls().ingest(report, delivery(report, "d-live", "a.example", t0, t0),
                l -> new Call(l.callId(), l.businessId(), "f-1", report.trackingNumber(), report.callerNumber(), "completed", report.details(),
                        false, l.inCallTrace(), l.createdAt(), t0)).join();
        assertThat(in.created()).isTrue();
        Call done = store.calls().find(business, "live-1").orElseThrow();
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.inCallTrace()).isEqualTo("[{\"step\":1}]");
        assertThat(done.createdAt()).isEqualTo(t0 - 60_000);
        assertThat(store.deliveries().find(business, "d-live")).isPresent();
    }

    @Test
    void analysisIsMergedAndReleasesOnlyAWaitingDeliveryThatHasNotStarted() {
        Call c = call(business, "ai-1", t0);
        Delivery waiting = new Delivery("d-ai", business, "ai-1", "f-1", "Flow", "call.completed",
                new Endpoint("https://a.example/h", "a.example", "webhook", "{}", "s", "{}"), DeliveryStatus.PENDING, false, null, 0, 3, true,
                null, 0, t0, t0 + 300_000, null, null, null, null);
        store.calls().ingest(c, waiting, l -> l).join();
        CallStore.Analysed a = store.calls().addAnalysis(business, "ai-1", Map.of("ai_score", 85), true, t0 + 1_000).orElseThrow();
        assertThat(a.released()).isTrue();
        assertThat(a.call().aiProcessed()).isTrue();
        assertThat(a.call().details()).containsEntry("ai_score", 85).containsEntry("source", "google");
        assertThat(store.deliveries().find(business, "d-ai").orElseThrow().nextAttemptAt()).isEqualTo(t0 + 1_000);
        assertThat(store.deliveries().claimDue(t0 + 1_000, 1, Set.of(), d -> Verdict.TAKE, "run-a").deliveries()).hasSize(1);
        assertThat(store.calls().addAnalysis(business, "ai-1", Map.of("summary", "x"), true, t0 + 2_000).orElseThrow().released())
                .as("a delivery already started is not released again").isFalse();
        assertThat(store.deliveries().find(business, "d-ai").orElseThrow().nextAttemptAt()).isEqualTo(t0 + 1_000);
        assertThat(store.calls().addAnalysis(business, "missing", Map.of(), true, t0)).isEmpty();
    }

    // ---- flows

    @Test
    void flowsKeepTheirNumbersAndANumberBelongsToOneFlow() {
        store.flows().create(flow(business, "f-a", List.of("+1001", "+1002"), FiringMode.IMMEDIATE));
        assertThat(store.flows().flowIdForNumber(business, "+1002")).contains("f-a");
        assertThatThrownBy(() -> store.flows().create(flow(business, "f-b", List.of("+1003", "+1001"), FiringMode.IMMEDIATE)))
                .isInstanceOfSatisfying(NumberTakenException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.ownerFlowId()).isEqualTo("f-a");
                });
        assertThat(store.flows().find(business, "f-b")).as("nothing of the refused flow is kept").isEmpty();
        assertThat(store.flows().flowIdForNumber(business, "+1003")).isEmpty();
        store.flows().create(flow(business, "f-b", List.of("+1003"), FiringMode.WAIT_FOR_AI));
        assertThatThrownBy(() -> store.flows().replace(business, "f-b", f -> flow(business, "f-b", List.of("+1002"), FiringMode.IMMEDIATE)))
                .isInstanceOf(NumberTakenException.class);
        CallFlow changed = store.flows().replace(business, "f-a", f -> flow(business, "f-a", List.of("+1009", "+1001"), FiringMode.WAIT_FOR_AI))
                .orElseThrow();
        assertThat(changed.trackingNumbers()).containsExactly("+1009", "+1001");
        CallFlow read = store.flows().find(business, "f-a").orElseThrow();
        assertThat(read.trackingNumbers()).containsExactly("+1009", "+1001");
        assertThat(read.postCallWebhook().firingMode()).isEqualTo(FiringMode.WAIT_FOR_AI);
        assertThat(read.postCallWebhook().settings()).containsEntry("k", "v");
        assertThat(store.flows().flowIdForNumber(business, "+1002")).isEmpty();
        assertThat(store.flows().list(business)).extracting(CallFlow::id).containsExactly("f-a", "f-b");
        assertThat(store.flows().replace(business, "nope", f -> f)).isEmpty();
        assertThat(store.flows().delete(business, "f-a", t0)).isTrue();
        assertThat(store.flows().delete(business, "f-a", t0)).isFalse();
        assertThat(store.flows().flowIdForNumber(business, "+1001")).isEmpty();
        assertThat(store.flows().list("other")).isEmpty();
    }

    // ---- the delivery log

    @Test
    void theLogPagesNewestFirstWithACursorAndFilters() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Call c = call(business, "p-" + i, t0 + i);
            Delivery d = delivery(c, "d-p-" + i, "a.example", t0 + i / 2, i == 3 ? null : t0);
            if (i == 3) d = new Delivery(d.deliveryId(), d.businessId(), d.callId(), "f-other", d.callFlowName(), d.event(), d.endpoint(),
                    DeliveryStatus.FAILED, false, null, 3, 3, false, null, 0, d.createdAt(), null, t0, "gave up", null, null);
            store.calls().ingest(c, d, l -> l).join();
            ids.add(d.deliveryId());
        }
        List<String> seen = new ArrayList<>();
        DeliveryStore.Cursor after = null;
        for (int page = 0; page < 10; page++) {
            List<Delivery> rows = store.deliveries().page(new DeliveryStore.Filter(business, null, null, null, null, null), after, 3);
            rows.forEach(d -> seen.add(d.deliveryId()));
            if (rows.size() < 3) break;
            Delivery last = rows.get(rows.size() - 1);
            after = new DeliveryStore.Cursor(last.createdAt(), last.deliveryId());
        }
        assertThat(seen).containsExactly("d-p-6", "d-p-5", "d-p-4", "d-p-3", "d-p-2", "d-p-1", "d-p-0");
        assertThat(store.deliveries().page(new DeliveryStore.Filter(business, "f-other", null, null, null, null), null, 10))
                .extracting(Delivery::deliveryId).containsExactly("d-p-3");
        assertThat(store.deliveries().page(new DeliveryStore.Filter(business, null, "p-5", null, null, null), null, 10))
                .extracting(Delivery::deliveryId).containsExactly("d-p-5");
        assertThat(store.deliveries().page(new DeliveryStore.Filter(business, null, null, DeliveryStatus.FAILED, null, null), null, 10))
                .extracting(Delivery::deliveryId).containsExactly("d-p-3");
        assertThat(store.deliveries().page(new DeliveryStore.Filter(business, null, null, null, t0 + 1, t0 + 3), null, 10))
                .extracting(Delivery::deliveryId).containsExactly("d-p-5", "d-p-4", "d-p-3", "d-p-2");
        assertThat(store.deliveries().page(new DeliveryStore.Filter("other", null, null, null, null, null), null, 10)).isEmpty();
    }

    @Test
    void everyCombinationOfFiltersAndACursorFindsTheDeliveriesThatMatchThem() {
        List<Delivery> all = new ArrayList<>();
        DeliveryStatus[] statuses = {DeliveryStatus.PENDING, DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED};
        for (int i = 0; i < 12; i++) {
            Call c = call(business, "s-" + (i / 2), t0 + i / 2); // two deliveries per call
            Delivery d = delivery(c, "d-s-" + i, "a.example", t0 + i / 3, null);
            d = new Delivery(d.deliveryId(), d.businessId(), d.callId(), i % 3 == 0 ? "f-two" : "f-1", d.callFlowName(), d.event(), d.endpoint(),
                    statuses[i % 4], false, null, 0, 3, false, null, 0, d.createdAt(), null, null, null, null, null);
            if (i % 2 == 0) store.calls().ingest(c, d, l -> l).join();
            else store.deliveries().insert(d);
            all.add(d);
        }
        Delivery cursorAt = all.get(7);
        for (int shape = 0; shape < 64; shape++) {
            String flow = (shape & 1) != 0 ? "f-two" : null;
            String callId = (shape & 2) != 0 ? "s-3" : null;
            DeliveryStatus status = (shape & 4) != 0 ? DeliveryStatus.SUCCEEDED : null;
            Long from = (shape & 8) != 0 ? t0 + 1 : null;
            Long until = (shape & 16) != 0 ? t0 + 3 : null;
            DeliveryStore.Cursor after = (shape & 32) != 0 ? new DeliveryStore.Cursor(cursorAt.createdAt(), cursorAt.deliveryId()) : null;
            List<String> expected = all.stream()
                    .filter(d -> flow == null || d.callFlowId().equals(flow))
                    .filter(d -> callId == null || d.callId().equals(callId))
                    .filter(d -> status == null || d.status() == status)
                    .filter(d -> from == null || d.createdAt() >= from)
                    .filter(d -> until == null || d.createdAt() < until)
                    .filter(d -> after == null || d.createdAt() < after.createdAt()
                            || (d.createdAt() == after.createdAt() && d.deliveryId().compareTo(after.deliveryId()) < 0))
                    .sorted(java.util.Comparator.comparingLong(Delivery::createdAt).thenComparing(Delivery::deliveryId).reversed())
                    .map(Delivery::deliveryId).toList();
            assertThat(store.deliveries().page(new DeliveryStore.Filter(business, flow, callId, status, from, until), after, 100))
                    .as("filters %s", Integer.toBinaryString(shape)).extracting(Delivery::deliveryId).containsExactlyElementsOf(expected);
        }
    }

    // ---- the worker's side of the outbox

    @Test
    void dueDeliveriesAreClaimedOnceSoonestFirstLeavingOutFullHosts() {
        queued("q-1", "a.example", t0 - 3);
        queued("q-2", "b.example", t0 - 2);
        queued("q-3", "a.example", t0 - 1);
        queued("q-4", "a.example", t0 + 60_000);
        assertThat(store.deliveries().due(t0, 10, Set.of())).extracting(Delivery::deliveryId).containsExactly("d-q-1", "d-q-2", "d-q-3");
        assertThat(store.deliveries().due(t0, 10, Set.of("a.example"))).extracting(Delivery::deliveryId).containsExactly("d-q-2");
        assertThat(store.deliveries().nextDueAt(Set.of("b.example"))).isEqualTo(t0 - 3);
        assertThat(store.deliveries().nextForHost("a.example", 10)).extracting(Delivery::deliveryId)
                .containsExactly("d-q-1", "d-q-3", "d-q-4");

        List<String> judged = new ArrayList<>();
        DeliveryStore.Claimed got = store.deliveries().claimDue(t0, 10, Set.of("b.example"), d -> {
            judged.add(d.deliveryId());
            return d.deliveryId().equals("d-q-1") ? Verdict.TAKE : Verdict.SKIP;
        }, "run-a");
        assertThat(judged).containsExactly("d-q-1", "d-q-3");
        assertThat(got.seen()).isEqualTo(2);
        assertThat(got.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.deliveryId()).isEqualTo("d-q-1");
            assertThat(d.claimedBy()).isEqualTo("run-a");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(store.deliveries().claimDue(t0, 10, Set.of(), d -> Verdict.TAKE, "run-b").deliveries())
                .extracting(Delivery::deliveryId).containsExactly("d-q-2", "d-q-3");
        assertThat(store.deliveries().claimDue(t0, 10, Set.of(), d -> Verdict.TAKE, "run-b").deliveries()).isEmpty();
        assertThat(store.deliveries().nextDueAt(Set.of())).isEqualTo(t0 + 60_000);

        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("a.example", 2);
        DeliveryStore.Claimed later = store.deliveries().claimForHosts(limits, d -> d.nextAttemptAt() > t0 ? Verdict.STOP : Verdict.TAKE, "run-a");
        assertThat(later.deliveries()).isEmpty();
        assertThat(later.seen()).isEqualTo(1);
        assertThat(store.deliveries().claimForHosts(limits, d -> Verdict.TAKE, "run-a").deliveries()).extracting(Delivery::deliveryId)
                .containsExactly("d-q-4");
    }

    @Test
    void anOptimisticClaimOfARowChangedSinceItWasReadIsLost() {
        Delivery d = queued("o-1", "a.example", t0);
        Delivery read = store.deliveries().due(t0, 10, Set.of()).get(0);
        assertThat(store.deliveries().claim(List.of(read), "run-a")).hasSize(1);
        assertThat(store.deliveries().claim(List.of(read), "run-b")).as("the version moved on").isEmpty();
        assertThat(store.deliveries().find(business, d.deliveryId()).orElseThrow().claimedBy()).isEqualTo("run-a");
    }

    @Test
    void anOutcomeReleasesTheClaimAndIsLoggedWithItsAttempt() throws Exception {
        queued("r-1", "a.example", t0);
        Delivery claimed = store.deliveries().claimDue(t0, 1, Set.of(), d -> Verdict.TAKE, "run-a").deliveries().get(0);
        store.deliveries().record(outcome(claimed, "run-a", DeliveryStatus.PENDING, null, t0 + 30_000, t0 + 5)).get(10, TimeUnit.SECONDS);
        Delivery after = store.deliveries().find(business, claimed.deliveryId()).orElseThrow();
        assertThat(after.claimedBy()).isNull();
        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.nextAttemptAt()).isEqualTo(t0 + 30_000);
        assertThat(after.lastError()).isEqualTo("refused");
        Delivery second = store.deliveries().claimDue(t0 + 30_000, 1, Set.of(), d -> Verdict.TAKE, "run-a").deliveries().get(0);
        assertThat(second.attempts()).isEqualTo(2);
        store.deliveries().record(outcome(second, "run-a", DeliveryStatus.SUCCEEDED, 200, null, t0 + 30_010)).get(10, TimeUnit.SECONDS);
        DeliveryStore.Logged logged = store.deliveries().findLogged(business, claimed.deliveryId()).orElseThrow();
        assertThat(logged.delivery().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(logged.delivery().completedAt()).isEqualTo(t0 + 30_010);
        assertThat(logged.attempts()).extracting(Attempt::attempt).containsExactly(1, 2);
        assertThat(logged.attempts().get(0).statusCode()).isNull();
        assertThat(logged.attempts().get(1).statusCode()).isEqualTo(200);
        assertThat(store.deliveries().findLogged("other", claimed.deliveryId())).isEmpty();
    }

    @Test
    void anOutcomeOfAnotherRunDoesNotChangeTheDelivery() throws Exception {
        queued("x-1", "a.example", t0);
        Delivery claimed = store.deliveries().claimDue(t0, 1, Set.of(), d -> Verdict.TAKE, "run-a").deliveries().get(0);
        store.deliveries().record(outcome(claimed, "run-b", DeliveryStatus.SUCCEEDED, 200, null, t0 + 5)).get(10, TimeUnit.SECONDS);
        Delivery after = store.deliveries().find(business, claimed.deliveryId()).orElseThrow();
        assertThat(after.claimedBy()).isEqualTo("run-a");
        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void aDeadClaimIsTakenOverWithItsLostAttemptOnRecordAndOneMoreAttemptAllowed() {
        queued("z-1", "a.example", t0);
        Delivery claimed = store.deliveries().claimDue(t0, 1, Set.of(), d -> Verdict.TAKE, "run-dead").deliveries().get(0);
        Delivery test = delivery(call(business, "z-1", t0), "d-test", "a.example", t0, null).asTest().claimed("run-dead");
        store.deliveries().insert(test);
        long later = t0 + LEASE.toMillis() + 1;
        assertThat(store.deliveries().recoverOrphans("run-new", later, "interrupted")).isEqualTo(2);
        DeliveryStore.Logged d = store.deliveries().findLogged(business, claimed.deliveryId()).orElseThrow();
        assertThat(d.delivery().claimedBy()).isNull();
        assertThat(d.delivery().nextAttemptAt()).isEqualTo(later);
        assertThat(d.delivery().maxAttempts()).isEqualTo(3);
        assertThat(d.attempts()).singleElement().satisfies(a -> {
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.error()).isEqualTo("interrupted");
        });
        assertThat(store.deliveries().find(business, "d-test").orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
        clock.advance(LEASE.plusMillis(1));
        Delivery again = store.deliveries().claimDue(later, 1, Set.of(), x -> Verdict.TAKE, "run-new").deliveries().get(0);
        assertThat(again.attempts()).as("the next attempt number").isEqualTo(2);
        assertThat(store.deliveries().recoverOrphans("run-new", later, "interrupted")).as("a live claim of this run").isZero();
    }

    // ---- traces and keys

    @Test
    void aTraceIsReplacedByALaterRunAndAnEntryByItsOutcome() throws Exception {
        TraceStore.LiveTrace first = new TraceStore.LiveTrace(business, "tr-1", "f-1", "+1", "+2", "[{\"a\":1,\"b\":2},{\"a\":3}]", t0);
        store.traces().save(first, () -> true).get(10, TimeUnit.SECONDS);
        store.traces().setEntry(business, "tr-1", 1, "{\"z\":9,\"a\":4}", () -> true).get(10, TimeUnit.SECONDS);
        assertThat(store.calls().find(business, "tr-1").orElseThrow().inCallTrace()).isEqualTo("[{\"a\":1,\"b\":2},{\"z\":9,\"a\":4}]");
        store.traces().setEntry(business, "tr-1", 5, "{}", () -> true).get(10, TimeUnit.SECONDS);
        store.traces().setEntry(business, "tr-1", 0, "{}", () -> false).get(10, TimeUnit.SECONDS);
        assertThat(store.calls().find(business, "tr-1").orElseThrow().inCallTrace()).isEqualTo("[{\"a\":1,\"b\":2},{\"z\":9,\"a\":4}]");
        store.traces().save(new TraceStore.LiveTrace(business, "tr-1", "f-2", "+1", "+2", "[]", t0 + 1), () -> true).get(10, TimeUnit.SECONDS);
        Call c = store.calls().find(business, "tr-1").orElseThrow();
        assertThat(c.inCallTrace()).isEqualTo("[]");
        assertThat(c.callFlowId()).as("the first flow stays").isEqualTo("f-1");
    }

    @Test
    void keysAreFoundByPrefixCappedPerBusinessAndTheLastOneStays() {
        assertThat(store.keys().ensureFirstBusiness("b-2", "Second", t0 + 1)).isEqualTo(business);
        assertThat(store.keys().firstBusinessId()).contains(business);
        assertThat(store.keys().addKey(key("k-1", business, "hash-1"), 2)).isTrue();
        assertThat(store.keys().addKey(key("k-1b", business, "hash-1"), 2)).as("a hash stored already is left as it is").isTrue();
        assertThat(store.keys().addKey(key("k-2", business, "hash-2"), 2)).isTrue();
        assertThat(store.keys().addKey(key("k-3", business, "hash-3"), 2)).as("over the cap").isFalse();
        store.keys().createBusiness("b-3", "Third", t0 + 2, key("k-4", "b-3", "hash-4"));
        assertThat(store.keys().activeByPrefix("hk_abc")).extracting(KeyStore.StoredKey::id).containsExactlyInAnyOrder("k-1", "k-2", "k-4");
        assertThat(store.keys().countActive(business)).isEqualTo(2);
        assertThat(store.keys().businessForKeyHash("hash-4")).contains("b-3");

        assertThat(store.keys().revoke("b-3", "k-1", t0)).as("another business's key").isEqualTo(KeyStore.Revoked.NOT_FOUND);
        assertThat(store.keys().revoke(business, "k-1", t0 + 5)).isEqualTo(KeyStore.Revoked.REVOKED);
        assertThat(store.keys().revoke(business, "k-2", t0 + 5)).isEqualTo(KeyStore.Revoked.LAST_KEY);
        assertThat(store.keys().activeById("k-1")).isEmpty();
        assertThat(store.keys().byHash("hash-1")).get().extracting(KeyStore.StoredKey::revokedAt).isEqualTo(t0 + 5);
        assertThat(store.keys().businessForKeyHash("hash-1")).as("revoked").isEmpty();

        store.keys().touch(Map.of("k-2", t0 + 100));
        store.keys().touch(Map.of("k-2", t0 + 50));
        assertThat(store.keys().activeKeys(business)).singleElement().extracting(KeyStore.StoredKey::lastUsedAt).as("the later time wins")
                .isEqualTo(t0 + 100);
        assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
        assertThat(store.healthy()).isTrue();
    }

    @Test
    void aNewBootstrapKeyRevokesTheOldOnesOfItsBusinessOnly() {
        store.keys().addKey(bootstrap("k-old", business, "hash-old"), 10);
        store.keys().addKey(bootstrap("k-new", business, "hash-new"), 10);
        store.keys().createBusiness("b-2", "Second", t0, bootstrap("k-other", "b-2", "hash-other"));
        assertThat(store.keys().makeBootstrap(business, "k-new", t0 + 1)).isEqualTo(1);
        assertThat(store.keys().activeKeys(business)).extracting(KeyStore.StoredKey::id).containsExactly("k-new");
        assertThat(store.keys().activeById("k-other")).isPresent();
    }

    private KeyStore.StoredKey key(String id, String businessId, String hash) {
        return new KeyStore.StoredKey(id, businessId, "key " + id, "hk_abc", hash, false, t0, null, null);
    }

    private KeyStore.StoredKey bootstrap(String id, String businessId, String hash) {
        return new KeyStore.StoredKey(id, businessId, "bootstrap", "hk_abc", hash, true, t0, null, null);
    }
}
