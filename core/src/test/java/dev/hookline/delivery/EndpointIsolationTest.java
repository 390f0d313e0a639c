package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
            // every slot the hanging host may use is taken before the healthy call arrives
            int limit = DeliveryLimits.defaults().perHost();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (hanging.all().size() < limit && System.nanoTime() < deadline) {
                hanging.poll(Duration.ofMillis(50));
            }
            assertThat(hanging.all()).as("the hanging host holds all its slots").hasSize(limit);
            long start = System.nanoTime();
            hub.call("fast-1", "+15735552222");
            healthy.next(Duration.ofSeconds(5));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as("healthy delivery waited behind the hanging endpoint").isLessThan(5_000);
            assertThat(hanging.all().size()).as("never more than the per-host limit at once").isEqualTo(limit);
        }
    }
}
