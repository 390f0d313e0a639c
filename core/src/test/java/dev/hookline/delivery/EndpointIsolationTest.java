package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One customer's hanging endpoint must not hold up deliveries to another's. */
class EndpointIsolationTest {
    @TempDir Path dir;

    @Test
    void aHangingEndpointDoesNotDelayAnotherEndpoint() {
        try (Receiver hanging = Receiver.start("127.0.0.1").answer(Answer.hang(Duration.ofSeconds(8)));
             Receiver healthy = Receiver.start("127.0.0.2");
             TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.withPostCallTimeout(Duration.ofSeconds(6))
                     .withRetryDelays(List.of(Duration.ofMinutes(1))))) {
            hub.flow("+15735551111", hanging.url("/slow"), "immediate");
            hub.flow("+15735552222", healthy.url("/fast"), "immediate");
            int slow = DeliveryLimits.defaults().perHost() * 3;
            for (int i = 0; i < slow; i++) {
                hub.call("slow-" + i, "+15735551111");
            }
            // the hanging host takes what slots it may (all 64, or fewer once it has been silent
            // for a second) before the healthy call arrives
            int limit = DeliveryLimits.defaults().perHost();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && (hanging.all().size() < HostSlots.STALL_SLOTS || hanging.poll(Duration.ofMillis(300)) != null)) {
                hanging.poll(Duration.ofMillis(50));
            }
            assertThat(hanging.all().size()).as("the hanging host holds its slots").isBetween(HostSlots.STALL_SLOTS, limit);
            long start = System.nanoTime();
            hub.call("fast-1", "+15735552222");
            healthy.next(Duration.ofSeconds(5));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as("healthy delivery waited behind the hanging endpoint").isLessThan(5_000);
            assertThat(hanging.all().size()).as("never more than the per-host limit at once").isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void aHostThatStopsAnsweringIsThrottledToOneAttemptAndCatchesUpWhenItRecovers() {
        AtomicBoolean down = new AtomicBoolean(true);
        try (Receiver flaky = Receiver.start("127.0.0.1").answer(r -> down.get() ? Answer.hang(Duration.ofSeconds(30)) : Answer.status(200));
             TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.withPostCallTimeout(Duration.ofSeconds(2))
                     .withRetryDelays(List.of(Duration.ofMinutes(5))))) {
            hub.flow("+15735553333", flaky.url("/hook"), "immediate");
            Dispatcher dispatcher = hub.app().dispatcher();
            int max = DeliveryLimits.defaults().perHost();
            assertThat(dispatcher.hostLimit("127.0.0.1")).isEqualTo(max);

            List<String> first = new ArrayList<>();
            for (int i = 0; i < 8; i++) first.add(hub.call("down-" + i, "+15735553333").json().get("delivery_id").asText());
            for (String id : first) hub.awaitAttempts(id, 1);
            assertThat(dispatcher.hostLimit("127.0.0.1")).as("eight time-outs halve the limit down to one").isEqualTo(1);

            while (flaky.poll(Duration.ZERO) != null) {
                // the eight hung attempts, already counted
            }
            int seen = flaky.all().size();
            List<String> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) later.add(hub.call("later-" + i, "+15735553333").json().get("delivery_id").asText());
            flaky.next(Duration.ofSeconds(5));
            assertThat(flaky.poll(Duration.ofMillis(1200))).as("a second attempt while the first still hangs").isNull();
            assertThat(flaky.all()).hasSize(seen + 1);

            // the host answers again; the attempt in flight still hangs until its time-out
            int scansBefore = dispatcher.scans();
            down.set(false);
            for (String id : later.subList(1, later.size())) {
                assertThat(hub.awaitDelivery(id, d -> "succeeded".equals(d.get("status").asText()), Duration.ofSeconds(20))
                        .get("attempts")).as("waited in the store without spending attempts, then delivered at once").hasSize(1);
            }
            assertThat(dispatcher.scans() - scansBefore)
                    .as("each freed slot brought the host's next delivery in by itself, not by a scan of the whole queue")
                    .isLessThanOrEqualTo(1);
            assertThat(hub.awaitAttempts(later.get(0), 1).get("attempts").get(0).get("error").asText()).startsWith("timed out");
            assertThat(dispatcher.hostLimit("127.0.0.1")).as("successes raise the limit again").isGreaterThan(1);
        }
    }
}
