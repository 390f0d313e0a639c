package dev.hookline.incall;

import static dev.hookline.incall.VoiceClient.fire;
import static dev.hookline.incall.VoiceClient.forward;
import static dev.hookline.incall.VoiceClient.steps;
import static dev.hookline.incall.VoiceClient.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.delivery.Signer;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-call webhook requests carry Standard Webhooks headers signed with the flow's secret(s), a fresh id each. */
class InCallSignatureTest {

    @Test
    void everyInCallRequestIsSignedWithTheFlowsSecrets(@TempDir Path dir) {
        try (Receiver receiver = Receiver.start(); TestHub hub = TestHub.start(dir)) {
            String number = VoiceClient.freshNumber();
            Reply created = hub.post("/api/v1/call-flows", "{\"name\": \"signed\", \"tracking_numbers\": [\"" + number + "\"], \"steps\": "
                    + steps(fire(receiver.url("/fire")), webhook(receiver.url("/get"), "GET", null, false, 5), forward("+13055554567")) + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String flow = created.json().get("id").asText();
            String secret = created.json().at("/post_call_webhook/signing_secret").asText();
            VoiceClient voice = new VoiceClient(hub);

            assertThat(voice.inbound("+13055551234", number, "CA-sig-1").status()).isEqualTo(200);
            Received post = VoiceClient.awaitRequest(receiver, "/fire", Duration.ofSeconds(10));
            Received get = VoiceClient.awaitRequest(receiver, "/get", Duration.ofSeconds(10));
            assertThat(signatures(post)).containsExactly(sign(secret, post));
            assertThat(post.text()).contains("CallSid=CA-sig-1");
            assertThat(signatures(get)).as("a GET signs an empty body").containsExactly(sign(secret, get));
            assertThat(post.header("webhook-id")).isNotEqualTo(get.header("webhook-id"));
            assertThat(Math.abs(Long.parseLong(post.header("webhook-timestamp")) - System.currentTimeMillis() / 1000)).isLessThan(60);

            String rotated = hub.post("/api/v1/call-flows/" + flow + "/post-call-webhook/rotate-secret", "").json().get("signing_secret").asText();
            assertThat(voice.inbound("+13055551234", number, "CA-sig-2").status()).isEqualTo(200);
            Received after = second(receiver, "/fire");
            assertThat(after.text()).contains("CallSid=CA-sig-2");
            assertThat(signatures(after)).containsExactly(sign(rotated, after), sign(secret, after));
        }
    }

    private static Received second(Receiver receiver, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> got = VoiceClient.requestsTo(receiver, path);
            if (got.size() >= 2) return got.get(1);
            Thread.onSpinWait();
        }
        throw new AssertionError("no second request to " + path);
    }

    private static List<String> signatures(Received r) {
        return List.of(r.header("webhook-signature").split(" "));
    }

    private static String sign(String secret, Received r) {
        return Signer.sign(secret, r.header("webhook-id"), Long.parseLong(r.header("webhook-timestamp")), r.body());
    }
}
