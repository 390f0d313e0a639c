package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Payload times have one format on every attempt, whatever the milliseconds: {@code 2026-03-30T14:30:00Z}. */
class PayloadTimesTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SEED_FORMAT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:31:15.267Z"));
    Receiver receiver;
    TestHub hub;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofMillis(30_500))));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void everyAttemptAndTheTestButtonSendWholeSecondsInUtc() throws Exception {
        receiver.answer(Answer.status(500), Answer.ok("ok"));
        String flowId = hub.flow("+15735551234", receiver.url("/t"), "immediate");
        String id = hub.post("/api/v1/calls", """
                {"call_id": "t-1", "tracking_number": "+15735551234", "caller_number": "+13055559876", "status": "completed",
                 "created_at": "2026-03-30T16:30:00.999+02:00"}""").json().get("delivery_id").asText();
        JsonNode first = new ObjectMapper().readTree(receiver.next(WAIT).body());
        hub.awaitAttempts(id, 1);
        clock.advance(Duration.ofMillis(30_500));
        hub.app().dispatcher().wake();
        JsonNode second = new ObjectMapper().readTree(receiver.next(WAIT).body());

        assertThat(first.get("created_at").asText()).isEqualTo("2026-03-30T14:30:00Z");
        assertThat(first.get("webhook_sent_at").asText()).isEqualTo("2026-03-30T14:31:15Z");
        assertThat(second.get("webhook_sent_at").asText()).isEqualTo("2026-03-30T14:31:45Z");
        assertThat(second.get("created_at").asText()).isEqualTo(first.get("created_at").asText());

        JsonNode sample = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "").json().get("payload");
        assertThat(sample.get("created_at").asText()).matches(SEED_FORMAT);
        assertThat(sample.get("webhook_sent_at").asText()).isEqualTo("2026-03-30T14:31:45Z");
    }
}
