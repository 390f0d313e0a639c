package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's extra headers go out on every attempt and on the Test button, beside a valid signature, and never into the log. */
class CustomHeadersDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String KEY = "sk_live_0123456789abwxyz";
    static final String TOKEN = "Bearer crm-token-5678-1234";

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    Receiver receiver;
    TestHub hub;
    PrintStream realErr;
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        realErr = System.err;
        System.setErr(new PrintStream(new TeeStream(realErr, log), true, StandardCharsets.UTF_8));
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)))
                .withPostCallTimeout(Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
        System.setErr(realErr);
    }

    String flowWithHeaders() {
        var r = hub.post("/api/v1/call-flows", """
                {"name": "CRM", "tracking_numbers": ["+15735551234"],
                 "post_call_webhook": {"url": "%s", "headers": {"X-Api-Key": "%s", "Authorization": "%s"}}}"""
                .formatted(receiver.url("/crm"), KEY, TOKEN));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/post_call_webhook/signing_secret").asText() + " " + r.json().get("id").asText();
    }

    @Test
    void headersGoOutOnEveryAttemptAndTheSignatureStillVerifies() throws Exception {
        receiver.answer(Answer.status(500), Answer.status(503), Answer.ok("ok"));
        String[] made = flowWithHeaders().split(" ");
        String secret = made[0];
        String id = hub.call("hdr-1", "+15735551234").json().get("delivery_id").asText();

        Receiver.Received first = receiver.next(WAIT);
        hub.awaitAttempts(id, 1);
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        Receiver.Received second = receiver.next(WAIT);
        hub.awaitAttempts(id, 2);
        clock.advance(Duration.ofMinutes(2));
        hub.app().dispatcher().wake();
        Receiver.Received third = receiver.next(WAIT);
        hub.awaitDelivery(id, d -> d.get("status").asText().equals("succeeded"), WAIT);

        int attempt = 1;
        for (Receiver.Received r : List.of(first, second, third)) {
            assertThat(r.header("x-api-key")).as("attempt " + attempt).isEqualTo(KEY);
            assertThat(r.header("authorization")).as("attempt " + attempt).isEqualTo(TOKEN);
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(r.header("webhook-signature")).isEqualTo(sign(secret, r));
            assertThat(new ObjectMapper().readTree(r.body()).get("attempt").asInt()).isEqualTo(attempt++);
        }
        String logView = hub.get("/api/v1/webhook-deliveries/" + id).body() + hub.get("/api/v1/webhook-deliveries").body();
        assertThat(logView).doesNotContain(KEY).doesNotContain(TOKEN);
        assertNotLogged();
    }

    @Test
    void theTestButtonSendsTheHeadersToo() {
        String flowId = flowWithHeaders().split(" ")[1];
        var r = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status_code").asInt()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(KEY).doesNotContain(TOKEN);
        Receiver.Received got = receiver.next(WAIT);
        assertThat(got.header("x-api-key")).isEqualTo(KEY);
        assertThat(got.header("authorization")).isEqualTo(TOKEN);
        assertNotLogged();
    }

    @Test
    void aHeaderValueIsNotLoggedEvenWhenAttemptsFail() {
        receiver.answer(Answer.status(500));
        flowWithHeaders();
        String id = hub.call("hdr-2", "+15735551234").json().get("delivery_id").asText();
        JsonNode d = hub.awaitAttempts(id, 1);
        assertThat(d.toString()).doesNotContain(KEY);
        hub.close();
        assertNotLogged();
    }

    private void assertNotLogged() {
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).as("the capture sees the hub's log").contains("listening on port");
        assertThat(text).doesNotContain(KEY).doesNotContain("crm-token-5678");
    }

    static String sign(String secret, Receiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((r.header("webhook-id") + "." + r.header("webhook-timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(r.body()));
    }

    /** Writes to both streams: the test reads what the hub logged, the console still shows it. */
    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
