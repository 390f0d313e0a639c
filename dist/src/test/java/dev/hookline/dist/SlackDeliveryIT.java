package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Slack plugin end to end: flow saved, call reported, message posted to a Slack emulator, delivery status. */
class SlackDeliveryIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;
    TestHub hub;
    SlackEmulator slack;

    @BeforeEach
    void start() {
        hub = Hubs.start(dir);
        slack = new SlackEmulator();
    }

    @AfterEach
    void stop() {
        hub.close();
        slack.close();
    }

    @Test
    void aCallIsPostedAsABlockKitMessageThatSlackAccepts() throws Exception {
        Reply saved = Hubs.flow(hub, "+15735551234", "slack", slack.url(), "{}");
        assertThat(saved.json().at("/post_call_webhook/warnings/0").asText()).contains("hooks.slack.com/services");
        String deliveryId = Hubs.call(hub, "call-slack-1", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.get("connector").asText()).isEqualTo("slack");
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
        assertThat(d.at("/attempts/0/response_body").asText()).isEqualTo("ok");

        Received r = slack.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.header("webhook-id")).isEqualTo(deliveryId);
        assertThat(r.header("webhook-signature")).startsWith("v1,");
        assertThat(r.header("user-agent")).startsWith("Hookline/");
        JsonNode message = MAPPER.readTree(r.text());
        assertThat(message.get("text").asText()).isEqualTo("📞 Call from +1 305-555-9876 to +1 573-555-1234 (Google Ads), 2:25");
        assertThat(message.get("blocks").toString())
                .contains("<tel:+13055559876|+1 305-555-9876>", "85/100", "*Summary*\\nWants a quote for a new AC unit",
                        "google / hvac-tampa", "<https://recordings.example.com/a.mp3|▶ Listen to the recording>");
    }

    @Test
    void theRawCallJsonOfTheGenericConnectorIsWhatSlackRefuses() {
        Hubs.flow(hub, "+15735551234", "webhook", slack.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-raw-1", "+15735551234");
        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("failed");
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(400);
        assertThat(d.at("/attempts/0/response_body").asText()).isEqualTo("no_text");
    }

    @Test
    void a429IsRetriedNoSoonerThanRetryAfterAlthoughTheRetryDelayIsShorter() {
        slack.rateLimitNext("1");
        Hubs.flow(hub, "+15735551234", "slack", slack.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-429", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        JsonNode attempts = d.get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status_code").asInt()).isEqualTo(429);
        assertThat(attempts.get(0).get("error").asText()).startsWith("HTTP 429 rate_limited").contains("1s");
        Duration gap = Duration.between(Instant.parse(attempts.get(0).get("sent_at").asText()), Instant.parse(attempts.get(1).get("sent_at").asText()));
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(slack.requests().get(1).receivedAtNanos() - slack.requests().get(0).receivedAtNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
    }

    @Test
    void anArchivedChannelFailsTheDeliveryAtOnce() {
        slack.archiveChannel();
        Hubs.flow(hub, "+15735551234", "slack", slack.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-410", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("failed");
        assertThat(d.get("attempts")).hasSize(1);
        assertThat(d.get("last_error").asText()).startsWith("HTTP 410 channel_is_archived");
        assertThat(slack.requests()).hasSize(1);
    }
}
