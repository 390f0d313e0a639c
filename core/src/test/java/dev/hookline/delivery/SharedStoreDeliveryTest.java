package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Call;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.model.Endpoint;
import dev.hookline.store.Codec;
import dev.hookline.store.postgres.PostgresStore;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.PgCluster;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several hubs in one JVM on one PostgreSQL schema: each call delivered once, wake-ups and flow changes across hubs, take-over. */
class SharedStoreDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dirA;
    @TempDir Path dirB;

    /** Attempts time out after 10 s: a loaded machine must not turn a slow answer into a second send. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static TestHub hub(Path dir, Clock clock, String url) {
        return TestHub.start(dir, clock, c -> c.with("HOOKLINE_DATABASE_URL", url).withPostCallTimeout(TIMEOUT));
    }

    @Test
    void callsSentToTwoHubsAreEachDeliveredOnce() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        try (Receiver receiver = Receiver.start(); TestHub a = hub(dirA, Clock.systemUTC(), url); TestHub b = hub(dirB, Clock.systemUTC(), url)) {
            a.flow("+15735551234", receiver.url("/hook"), "immediate");
            int calls = 300;
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                TestHub to = i % 2 == 0 ? a : b;
                String id = "two-" + i;
                replies.add(senders.submit(() -> to.call(id, "+15735551234").status()));
            }
            for (Future<Integer> r : replies) assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            senders.shutdown();
            Map<String, Integer> byDelivery = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (byDelivery.size() < calls && System.nanoTime() < deadline) {
                Receiver.Received r = receiver.poll(Duration.ofMillis(500));
                if (r != null) byDelivery.merge(JSON.readTree(r.body()).get("delivery_id").asText(), 1, Integer::sum);
            }
            while (receiver.poll(Duration.ofMillis(500)) != null) byDelivery.merge("late", 1, Integer::sum);
            assertThat(byDelivery).hasSize(calls);
            assertThat(byDelivery.values()).as("sends per delivery id").containsOnly(1);
        }
    }

    @Test
    void aCallAcceptedByAHubThatCannotSendIsSentByAnotherAtOnceNotAfterAPoll() {
        String url = PgCluster.shared().newSchemaUrl();
        try (Receiver receiver = Receiver.start(); TestHub a = hub(dirA, Clock.systemUTC(), url); TestHub b = hub(dirB, Clock.systemUTC(), url)) {
            a.flow("+15735551234", receiver.url("/hook"), "immediate");
            assertThat(b.call("warm", "+15735551234").status()).isEqualTo(201);
            receiver.next(Duration.ofSeconds(10));
            a.app().dispatcher().stop(Duration.ofSeconds(2)); // A takes calls but sends nothing
            long heard = ((PostgresStore) b.app().store()).announcementsHeard();
            String id = a.call("via-a", "+15735551234").json().get("delivery_id").asText();
            // B sleeps a minute between polls when idle: only A's announcement brings this in sooner
            Receiver.Received got = receiver.next(Duration.ofSeconds(30));
            assertThat(got.text()).contains(id);
            assertThat(((PostgresStore) b.app().store()).announcementsHeard()).isGreaterThan(heard);
            b.awaitDelivery(id, d -> d.get("status").asText().equals("succeeded"), Duration.ofSeconds(10));
        }
    }

    @Test
    void aFlowChangedThroughOneHubIsUsedByTheOtherAtOnce() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        try (Receiver first = Receiver.start(); Receiver second = Receiver.start();
             TestHub a = hub(dirA, Clock.systemUTC(), url); TestHub b = hub(dirB, Clock.systemUTC(), url)) {
            String flowId = a.flow("+15735551234", first.url("/hook"), "immediate");
            assertThat(b.call("before", "+15735551234").status()).isEqualTo(201); // B now holds the flow in its cache
            first.next(Duration.ofSeconds(10));
            long heard = ((PostgresStore) b.app().store()).announcementsHeard();
            assertThat(a.put("/api/v1/call-flows/" + flowId, "{\"name\":\"moved\",\"tracking_numbers\":[\"+15735551234\"],"
                    + "\"post_call_webhook\":{\"enabled\":true,\"url\":\"" + second.url("/hook") + "\"}}").status()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (((PostgresStore) b.app().store()).announcementsHeard() == heard && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(b.call("after", "+15735551234").status()).isEqualTo(201);
            assertThat(second.next(Duration.ofSeconds(10)).text()).contains("\"call_id\":\"after\"");
            assertThat(first.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aCallRunLiveByOneHubIsCompletedByAReportToTheOtherAndKeepsItsTrace() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        try (TestHub a = hub(dirA, Clock.systemUTC(), url); TestHub b = hub(dirB, Clock.systemUTC(), url)) {
            assertThat(a.post("/api/v1/call-flows", "{\"name\":\"live\",\"tracking_numbers\":[\"+15735557777\"],\"steps\":"
                    + "[{\"type\":\"say\",\"message\":\"Welcome\"},{\"type\":\"forward\",\"destination\":\"+13055554567\"}]}").status())
                    .isEqualTo(201);
            TestHub.Reply live = a.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/v1/voice/inbound"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("From=%2B13055559876&To=%2B15735557777&CallSid=CA-shared")));
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            TestHub.Reply seen = b.get("/api/v1/calls/CA-shared");
            while (seen.status() != 200 && System.nanoTime() < deadline) { // the trace is written off the answer's path
                Thread.sleep(20);
                seen = b.get("/api/v1/calls/CA-shared");
            }
            assertThat(seen.json().get("in_call_trace").size()).isPositive();
            assertThat(b.post("/api/v1/calls", "{\"call_id\":\"CA-shared\",\"tracking_number\":\"+15735557777\","
                    + "\"caller_number\":\"+13055559876\",\"status\":\"completed\"}").status()).isEqualTo(201);
            JsonNode done = a.get("/api/v1/calls/CA-shared").json();
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("in_call_trace")).isEqualTo(seen.json().get("in_call_trace"));
        }
    }

    @Test
    void aDeadHubsClaimIsTakenOverOnceItsLeaseRunsOutWithTheNextAttemptNumber() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        MutableClock clock = new MutableClock(Instant.now());
        Duration lease = ClaimLeases.leaseFor(TIMEOUT);
        try (Receiver receiver = Receiver.start(); TestHub b = hub(dirB, clock, url);
             PostgresStore dead = PostgresStore.open(url, new Codec(JSON), clock, lease)) {
            String flowId = b.flow("+15735551234", receiver.url("/hook"), "immediate");
            CallFlow flow = dead.flows().find(b.app().defaultBusinessId(), flowId).orElseThrow();
            // a hub that accepted a call with a slot of its own, claimed attempt 1, and died before sending it
            long now = clock.millis();
            Call call = new Call("orphan-1", flow.businessId(), flowId, "+15735551234", "+13055559876", "completed", Map.of(), false, null,
                    now, now);
            Delivery d = Delivery.pending("d-orphan-1", call, flow, "call.completed",
                    new Endpoint(flow.postCallWebhook().url(), "127.0.0.1", "webhook", "{}", flow.signingSecret(), "{}"), 3, false, now, now)
                    .claimed("dead-run");
            dead.calls().ingest(call, d, l -> l).join();

            assertThat(b.app().dispatcher().maintainClaims()).as("the lease still holds").isZero();
            assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
            clock.advance(lease.plusSeconds(1));
            assertThat(b.app().dispatcher().maintainClaims()).isEqualTo(1);
            JsonNode sent = JSON.readTree(receiver.next(Duration.ofSeconds(10)).body());
            assertThat(sent.get("delivery_id").asText()).isEqualTo("d-orphan-1");
            assertThat(sent.get("attempt").asInt()).isEqualTo(2);
            JsonNode log = b.awaitDelivery("d-orphan-1", x -> x.get("status").asText().equals("succeeded"), Duration.ofSeconds(10));
            assertThat(log.at("/attempts/0/attempt").asInt()).isEqualTo(1);
            assertThat(log.at("/attempts/0/error").asText()).startsWith("interrupted");
            assertThat(log.at("/attempts/1/status_code").asInt()).isEqualTo(200);
        }
    }
}
