package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.StoreFile;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/webhook-deliveries/recover}: every failed delivery in a window sent once more, paced like any other. */
class RecoveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-03-30T14:30:00Z");

    @TempDir Path dir;
    MutableClock clock = new MutableClock(START);
    Receiver receiver;
    TestHub hub;
    final AtomicBoolean down = new AtomicBoolean(true);
    final AtomicBoolean slow = new AtomicBoolean(true);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();

    @BeforeEach
    void start() {
        receiver = Receiver.start().answer(r -> {
            if (down.get()) return Answer.status(500);
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                if (slow.get()) Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return Answer.ok("ok");
        });
        // one attempt per delivery: a 500 fails it at once
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of()).withPostCallTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    Reply recover(TestHub as, String body) {
        return as.post("/api/v1/webhook-deliveries/recover", body);
    }

    static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    int count(String where) {
        return Integer.parseInt(StoreFile.query(dir, "SELECT count(*) FROM deliveries WHERE " + where));
    }

    @Test
    void fiveHundredFailedDeliveriesAreEachSentOnceMoreWithinTheHostLimit() throws Exception {
        hub.flow("+15735551234", receiver.url("/crm"), "immediate");
        Map<String, String> firstDelivery = new HashMap<>(); // call id -> the delivery that failed
        for (int i = 0; i < 500; i++) {
            firstDelivery.put("out-" + i, hub.call("out-" + i, "+15735551234").json().get("delivery_id").asText());
        }
        await(() -> count("status = 'failed'") == 500, "500 failed deliveries");
        assertThat(receiver.all()).hasSize(500);

        down.set(false);
        Reply r = recover(hub, "{\"since\": \"2026-03-30T14:00:00Z\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("redelivered").asInt()).isEqualTo(500);
        assertThat(r.json().get("more").asBoolean()).isFalse();
        await(() -> count("status = 'succeeded'") == 500, "500 redeliveries to succeed");

        List<Receiver.Received> again = receiver.all().subList(500, receiver.all().size());
        assertThat(again).hasSize(500);
        Set<String> calls = new HashSet<>();
        Set<String> newIds = new HashSet<>();
        for (Receiver.Received got : again) {
            JsonNode p = JSON.readTree(got.body());
            String callId = p.get("call_id").asText();
            assertThat(calls.add(callId)).as("each call once: " + callId).isTrue();
            assertThat(got.header("webhook-id")).as("the message id stays the first delivery's").isEqualTo(firstDelivery.get(callId));
            assertThat(p.get("delivery_id").asText()).as("the payload carries the new delivery").isNotEqualTo(firstDelivery.get(callId));
            newIds.add(p.get("delivery_id").asText());
        }
        assertThat(calls).isEqualTo(firstDelivery.keySet());
        assertThat(newIds).hasSize(500).doesNotContainAnyElementsOf(firstDelivery.values());
        assertThat(mostInFlight.get()).as("paced by the per-host limit").isBetween(1, DeliveryLimits.defaults().perHost());

        String cursor = null;
        int seen = 0;
        do {
            JsonNode page = hub.get("/api/v1/webhook-deliveries?status=succeeded&limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode d : page.get("data")) {
                assertThat(d.get("redelivery_of").asText()).isEqualTo(firstDelivery.get(d.get("call_id").asText()));
                assertThat(d.get("message_id").asText()).isEqualTo(d.get("redelivery_of").asText());
                assertThat(newIds).contains(d.get("delivery_id").asText());
                seen++;
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).isEqualTo(500);

        Reply twice = recover(hub, "{\"since\": \"2026-03-30T14:00:00Z\"}");
        assertThat(twice.json().get("redelivered").asInt()).as("what was recovered is not sent twice").isZero();
    }

    @Test
    void oneRecoveryTakesAtMostTenThousandOldestFirstOfFlowsThatStillSend() {
        slow.set(false);
        down.set(false);
        String flowId = hub.flow("+15735551234", receiver.url("/crm"), "immediate");
        String business = hub.app().defaultBusinessId();
        long t0 = START.toEpochMilli() - 3_600_000;
        String rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001) ";
        StoreFile.execute(dir, rows + "INSERT INTO calls(call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, "
                + "created_at, reported_at) SELECT 'bulk-' || i, '" + business + "', '" + flowId + "', '+15735551234', '+13055559876', "
                + "'completed', '{}', " + t0 + " + i, " + t0 + " + i FROM n");
        StoreFile.execute(dir, rows + "INSERT INTO deliveries(delivery_id, business_id, call_id, call_flow_id, call_flow_name, event, url, host, "
                + "connector, signing_secret, status, attempts, max_attempts, created_at, completed_at, last_error) "
                + "SELECT printf('00000000-0000-7000-8000-%012d', i), '" + business + "', 'bulk-' || i, '" + flowId + "', 'Bulk', "
                + "'call.completed', 'http://127.0.0.1:9/old', '127.0.0.1', 'webhook', 'whsec_AAAA', 'failed', 1, 1, " + t0 + " + i, "
                + t0 + " + i, 'HTTP 500' FROM n");

        // older still: 10,000 failed deliveries of a flow deleted since, which must not take the places
        StoreFile.execute(dir, rows.replace("10001", "10000") + "INSERT INTO deliveries(delivery_id, business_id, call_id, call_flow_id, "
                + "call_flow_name, event, url, host, connector, signing_secret, status, attempts, max_attempts, created_at, completed_at, "
                + "last_error) SELECT printf('00000000-0000-7000-9000-%012d', i), '" + business + "', 'gone-' || i, 'deleted-flow', 'Gone', "
                + "'call.completed', 'http://127.0.0.1:9/old', '127.0.0.1', 'webhook', 'whsec_AAAA', 'failed', 1, 1, " + (t0 - 20_000)
                + " + i, " + (t0 - 20_000) + " + i, 'call flow deleted' FROM n");

        Reply first = recover(hub, "{\"since\": \"2026-03-30T00:00:00Z\"}");
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("redelivered").asInt()).isEqualTo(10_000);
        assertThat(first.json().get("more").asBoolean()).isTrue();
        assertThat(count("call_id = 'bulk-1' AND redelivery_of IS NOT NULL")).as("oldest first").isEqualTo(1);
        assertThat(count("call_id = 'bulk-10001' AND redelivery_of IS NOT NULL")).isZero();
        assertThat(count("call_id LIKE 'gone-%' AND redelivery_of IS NOT NULL")).as("a deleted flow's are left out").isZero();

        Reply rest = recover(hub, "{\"since\": \"2026-03-30T00:00:00Z\"}");
        assertThat(rest.json().get("redelivered").asInt()).isEqualTo(1);
        assertThat(rest.json().get("more").asBoolean()).isFalse();
        assertThat(count("call_id = 'bulk-10001' AND redelivery_of IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aRecoveryKeepsToItsFlowWindowAndBusiness() {
        String flowA = hub.flow("+15735550001", receiver.url("/a"), "immediate");
        hub.flow("+15735550002", receiver.url("/b"), "immediate");
        TestHub other = hub.as(hub.app().apiKeys().createBusiness("Other")[1]);
        other.flow("+15735550003", receiver.url("/c"), "immediate");
        for (int i = 0; i < 2; i++) {
            hub.call("a-" + i, "+15735550001");
            hub.call("b-" + i, "+15735550002");
        }
        other.call("c-0", "+15735550003");
        await(() -> count("status = 'failed'") == 5, "5 failed deliveries");
        down.set(false);

        assertThat(recover(hub, "{\"since\": \"2026-03-30T13:00:00Z\", \"until\": \"2026-03-30T14:00:00Z\"}").json().get("redelivered").asInt())
                .as("nothing failed in that window").isZero();
        Reply foreign = recover(other, "{\"since\": \"2026-03-30T14:00:00Z\", \"call_flow_id\": \"" + flowA + "\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.error("field")).isEqualTo("call_flow_id");

        Reply onlyA = recover(hub, "{\"since\": \"2026-03-30T14:00:00Z\", \"call_flow_id\": \"" + flowA + "\"}");
        assertThat(onlyA.json().get("redelivered").asInt()).isEqualTo(2);
        await(() -> receiver.all().size() == 7, "A's two redeliveries");
        assertThat(receiver.all().subList(5, 7)).allMatch(got -> got.path().equals("/a"));
        assertThat(recover(hub, "{\"since\": \"2026-03-30T14:00:00Z\"}").json().get("redelivered").asInt()).as("B's, not A's again").isEqualTo(2);
        assertThat(recover(other, "{\"since\": \"2026-03-30T14:00:00Z\"}").json().get("redelivered").asInt()).isEqualTo(1);
    }

    @Test
    void badRecoveryRequestsNameTheField() {
        Object[][] cases = {
                {"{}", "since"},
                {"{\"since\": \"yesterday\"}", "since"},
                {"{\"since\": 5}", "since"},
                {"{\"since\": \"2026-03-30T14:00:00Z\", \"until\": \"2026-03-30T13:00:00Z\"}", "until"},
                {"{\"since\": \"2026-03-30T14:00:00Z\", \"until\": \"soon\"}", "until"},
                {"{\"since\": \"2026-03-30T14:00:00Z\", \"flow\": \"x\"}", "flow"},
                {"{\"since\": \"2026-03-30T14:00:00Z\", \"call_flow_id\": 7}", "call_flow_id"},
                {"[1]", null},
                {"", null}};
        for (Object[] c : cases) {
            Reply r = recover(hub, (String) c[0]);
            assertThat(r.status()).as((String) c[0]).isEqualTo(400);
            assertThat(r.error("field")).as((String) c[0]).isEqualTo(c[1]);
        }
        Reply unknownFlow = recover(hub, "{\"since\": \"2026-03-30T14:00:00Z\", \"call_flow_id\": \"nope\"}");
        assertThat(unknownFlow.status()).isEqualTo(404);
        assertThat(hub.withoutKey().post("/api/v1/webhook-deliveries/recover", "{\"since\": \"2026-03-30T14:00:00Z\"}").status()).isEqualTo(401);
    }
}
