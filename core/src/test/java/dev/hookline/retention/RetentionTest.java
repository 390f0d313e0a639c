package dev.hookline.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HOOKLINE_RETENTION on a real hub: a pass removes exactly what is older than the window, never a pending delivery or its call. */
class RetentionTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** The window of 90 days ends here once the clock has moved on. */
    static final Instant CUTOFF = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;
    MutableClock clock = new MutableClock(CUTOFF.minus(Duration.ofDays(1)));
    Receiver receiver = Receiver.start();
    TestHub hub;

    void start(String retention) {
        UnaryOperator<dev.hookline.config.HooklineConfig> cfg = c -> c.with("HOOKLINE_RETENTION", retention)
                .withAiWaitTimeout(Duration.ofDays(1000)).withPostCallTimeout(Duration.ofSeconds(5));
        hub = TestHub.start(dir, clock, cfg);
        hub.flow("+15735550001", receiver.url("/hook"), "immediate");
        hub.flow("+15735550002", receiver.url("/hook"), "wait_for_ai");
        hub.post("/api/v1/call-flows", "{\"name\":\"live\",\"tracking_numbers\":[\"+15735550003\"],"
                + "\"steps\":[{\"type\":\"forward\",\"destination\":\"+13055554567\"}]}");
        hub.post("/api/v1/call-flows", "{\"name\":\"quiet\",\"tracking_numbers\":[\"+15735550004\"]}");
    }

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
        receiver.close();
    }

    /** Reports a call on {@code number}, created at {@code createdAt} (null: now); returns its delivery id (or null). */
    String call(String id, String number, Instant createdAt) {
        TestHub.Reply r = hub.post("/api/v1/calls", "{\"call_id\":\"" + id + "\",\"tracking_number\":\"" + number
                + "\",\"caller_number\":\"+13055559876\",\"status\":\"completed\"" + (createdAt == null ? "" : ",\"created_at\":\"" + createdAt + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String d = r.json().get("delivery_id").isNull() ? null : r.json().get("delivery_id").asText();
        if (d != null && number.equals("+15735550001")) hub.awaitDelivery(d, x -> x.get("status").asText().equals("succeeded"), WAIT);
        return d;
    }

    void liveCall(String sid) {
        assertThat(hub.post("/api/v1/voice/inbound", "{\"From\":\"+13055551234\",\"To\":\"+15735550003\",\"CallSid\":\"" + sid + "\"}").status())
                .isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.get("/api/v1/calls/" + sid).status() != 200 && System.nanoTime() < deadline) Thread.onSpinWait();
    }

    @Test
    void removesExactlyWhatIsOlderThanTheWindowAndKeepsWhatAPendingDeliveryNeeds() {
        start("90d");
        String delivered = call("old-delivered", "+15735550001", null);
        String waiting = call("old-waiting", "+15735550002", null);
        String redelivered = call("old-redelivered", "+15735550001", null);
        String edgeOld = call("edge-old", "+15735550001", CUTOFF.minusSeconds(1));
        String edgeKept = call("edge-kept", "+15735550001", CUTOFF);
        liveCall("old-live");
        for (int i = 0; i < 450; i++) call("tie-" + i, "+15735550004", CUTOFF.minus(Duration.ofDays(10))); // more than a batch, one time

        clock.advance(Duration.ofDays(91)); // now CUTOFF + 90 days: the window starts at CUTOFF
        String fresh = call("new", "+15735550001", null);
        TestHub.Reply again = hub.post("/api/v1/webhook-deliveries/" + redelivered + "/redeliver", "");
        assertThat(again.status()).isEqualTo(202);
        hub.awaitDelivery(again.json().get("delivery_id").asText(), x -> x.get("status").asText().equals("succeeded"), WAIT);

        Retention.Result r = hub.app().retention().runPass();

        assertThat(r.before()).isEqualTo(CUTOFF.toEpochMilli());
        assertThat(r.calls()).isEqualTo(3 + 450);
        assertThat(r.deliveries()).isEqualTo(2);
        assertThat(r.attempts()).isEqualTo(2);
        for (String gone : new String[] {"old-delivered", "edge-old", "old-live", "tie-0", "tie-449"}) {
            assertThat(hub.get("/api/v1/calls/" + gone).status()).as(gone).isEqualTo(404);
        }
        for (String kept : new String[] {"old-waiting", "old-redelivered", "edge-kept", "new"}) {
            assertThat(hub.get("/api/v1/calls/" + kept).status()).as(kept).isEqualTo(200);
        }
        assertThat(hub.get("/api/v1/webhook-deliveries/" + delivered).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/webhook-deliveries/" + edgeOld).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/webhook-deliveries/" + waiting).json().get("status").asText()).isEqualTo("pending");
        assertThat(hub.get("/api/v1/webhook-deliveries/" + redelivered).json().get("attempts")).hasSize(1);
        assertThat(hub.get("/api/v1/webhook-deliveries/" + edgeKept).json().get("attempts")).hasSize(1);
        assertThat(hub.get("/api/v1/webhook-deliveries/" + fresh).status()).isEqualTo(200);

        Retention.Result second = hub.app().retention().runPass();
        assertThat(second.calls() + second.deliveries() + second.attempts()).isZero();
    }

    @Test
    void aFinishedDeliveryReleasesItsCallOnceItIsOldToo() {
        start("90d");
        String waiting = call("waiting", "+15735550002", null);
        clock.advance(Duration.ofDays(91));
        assertThat(hub.app().retention().runPass().calls()).isZero();

        hub.post("/api/v1/calls/waiting/analysis", "{\"ai_score\": 80}"); // releases the delivery: it succeeds now
        hub.awaitDelivery(waiting, x -> x.get("status").asText().equals("succeeded"), WAIT);
        assertThat(hub.app().retention().runPass().calls()).isZero(); // finished, but only just: inside the window

        clock.advance(Duration.ofDays(91));
        Retention.Result r = hub.app().retention().runPass();
        assertThat(r.calls()).isEqualTo(1);
        assertThat(r.deliveries()).isEqualTo(1);
        assertThat(hub.get("/api/v1/calls/waiting").status()).isEqualTo(404);
    }

    @Test
    void zeroKeepsEverything() {
        start("0");
        call("old", "+15735550001", null);
        clock.advance(Duration.ofDays(3650));
        Retention.Result r = hub.app().retention().runPass();
        assertThat(r.calls() + r.deliveries() + r.attempts()).isZero();
        assertThat(hub.get("/api/v1/calls/old").status()).isEqualTo(200);
    }
}
