package dev.hookline.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.delivery.Signer;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rotate-secret: the new secret signs first, the previous one too for 24 h, retries of older deliveries included. */
class SecretRotationTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    TestHub hub;
    Receiver receiver;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofMinutes(1))));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void rotationAnswersTheNewSecretAndWhenThePreviousExpires() {
        String flow = flowWithSecret()[0];
        Reply r = hub.post("/api/v1/call-flows/" + flow + "/post-call-webhook/rotate-secret", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String secret = r.json().get("signing_secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(r.json().get("previous_secret_expires_at").asText()).isEqualTo("2026-03-31T14:30:00Z");
        String masked = hub.get("/api/v1/call-flows/" + flow).json().at("/post_call_webhook/signing_secret").asText();
        assertThat(masked).endsWith(secret.substring(secret.length() - 4));
    }

    @Test
    void forADayEveryDeliveryCarriesBothSignaturesNewFirst() {
        String[] flow = flowWithSecret();
        String secret = rotate(flow[0]);
        Received first = deliver("c-1");
        assertThat(signatures(first)).containsExactly(sign(secret, first), sign(flow[1], first));

        clock.advance(Duration.ofHours(24));
        Received later = deliver("c-2");
        assertThat(signatures(later)).containsExactly(sign(secret, later));
    }

    @Test
    void aRetryOfADeliveryMadeBeforeTheRotationSignsWithTheFlowsCurrentSecrets() {
        String[] flow = flowWithSecret();
        receiver.answer(Answer.status(500), Answer.ok("ok"));
        Received attempt1 = deliver("c-retry");
        assertThat(signatures(attempt1)).containsExactly(sign(flow[1], attempt1));
        hub.awaitAttempts(attempt1.header("webhook-id"), 1); // its retry is scheduled before the clock moves

        String secret = rotate(flow[0]);
        clock.advance(Duration.ofMinutes(1));
        hub.app().dispatcher().wake();
        Received attempt2 = receiver.next(WAIT);
        assertThat(attempt2.header("webhook-id")).isEqualTo(attempt1.header("webhook-id"));
        assertThat(signatures(attempt2)).containsExactly(sign(secret, attempt2), sign(flow[1], attempt2));
    }

    @Test
    void anotherBusinessCannotRotateTheSecret() {
        String[] flow = flowWithSecret();
        TestHub other = hub.as(hub.app().apiKeys().createBusiness("Other")[1]);
        assertThat(other.post("/api/v1/call-flows/" + flow[0] + "/post-call-webhook/rotate-secret", "").status()).isEqualTo(404);
        assertThat(hub.post("/api/v1/call-flows/no-such-flow/post-call-webhook/rotate-secret", "").status()).isEqualTo(404);
        Received d = deliver("c-iso");
        assertThat(signatures(d)).containsExactly(sign(flow[1], d));
    }

    /** A flow posting to the receiver; returns its id and its signing secret. */
    private String[] flowWithSecret() {
        Reply r = hub.post("/api/v1/call-flows", "{\"name\": \"Rotating\", \"tracking_numbers\": [\"+15735550001\"], "
                + "\"post_call_webhook\": {\"enabled\": true, \"url\": \"" + receiver.url("/hook") + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new String[] {r.json().get("id").asText(), r.json().at("/post_call_webhook/signing_secret").asText()};
    }

    private String rotate(String flow) {
        return hub.post("/api/v1/call-flows/" + flow + "/post-call-webhook/rotate-secret", "").json().get("signing_secret").asText();
    }

    private Received deliver(String callId) {
        JsonNode answer = hub.call(callId, "+15735550001").json();
        assertThat(answer.get("delivery_id").isNull()).isFalse();
        return receiver.next(WAIT);
    }

    private static List<String> signatures(Received r) {
        return List.of(r.header("webhook-signature").split(" "));
    }

    private static String sign(String secret, Received r) {
        return Signer.sign(secret, r.header("webhook-id"), Long.parseLong(r.header("webhook-timestamp")), r.body());
    }
}
