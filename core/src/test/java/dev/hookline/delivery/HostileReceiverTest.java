package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.connectors.WebhookConnector;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.testing.HostileServer;
import dev.hookline.testing.HostileServer.Mode;
import dev.hookline.testing.TestHub;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Receivers that misbehave below HTTP: every attempt ends within its time-out with a readable
 * error, nothing unbounded is read, and only a whole answer counts as one for the host's limit.
 */
class HostileReceiverTest {
    private static HttpClient client;
    private static Sender sender;
    private static BoundedConnector webhook;

    @BeforeAll
    static void startClient() {
        client = HttpClients.start(new TargetPolicy(true), 8, "test-hostile");
        sender = new Sender(client, Duration.ofSeconds(2), new TargetPolicy(true));
        webhook = new BoundedConnector(new WebhookConnector(), true);
    }

    @AfterAll
    static void stopClient() {
        HttpClients.stop(client);
        webhook.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "HANG           | false | timed out after 2s              |     ",
            "DRIP_BODY      | false | timed out after 2s              | 200 ",
            "DRIP_HEADERS   | false | timed out after 2s              | 200 ",
            "RESET_MID_BODY | false | in the middle of the answer     | 200 ",
            "HUGE_HEADERS   | false | response headers larger than 64 KiB |  ",
            "GARBAGE_STATUS | false | invalid HTTP answer             |     ",
            "REDIRECT_LOOP  | true  | not followed                    | 302 "})
    void aHostileAnswerFailsTheAttemptWithAReadableError(Mode mode, boolean answered, String error, Integer status) throws Exception {
        try (HostileServer server = HostileServer.start(mode)) {
            AttemptOutcome o = send(server.url("/hook"));
            assertThat(o.succeeded()).isFalse();
            assertThat(o.error()).contains(error.strip());
            assertThat(o.statusCode()).isEqualTo(status);
            assertThat(o.answered()).as("a whole answer came").isEqualTo(answered);
        }
    }

    @Test
    void anEndlessBodyIsCutAfterTheDrainLimitAndJudgedByItsStatus() throws Exception {
        try (HostileServer server = HostileServer.start(Mode.ENDLESS_BODY)) {
            AttemptOutcome o = send(server.url("/hook"));
            assertThat(o.error()).isNull();
            assertThat(o.succeeded()).isTrue();
            assertThat(o.answered()).isTrue();
            assertThat(o.responseBody()).hasSize(Sender.BODY_LIMIT);
        }
    }

    @Test
    void aRefusedConnectionReadsTheSameOnBothSides() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AttemptOutcome o = send("http://127.0.0.1:" + port + "/hook");
        assertThat(o.error()).isEqualTo("connection refused");
        assertThat(o.answered()).isFalse();
    }

    /** 200 and then a body that never ends in time: no answer, so the host's limit falls instead of rising. */
    @Test
    void aTimedOutAttemptThatSawAStatusLowersTheHostsLimit(@TempDir Path dir) {
        try (HostileServer drip = HostileServer.start(Mode.DRIP_BODY);
             TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.withPostCallTimeout(Duration.ofSeconds(1))
                     .withRetryDelays(List.of(Duration.ofHours(1))))) {
            hub.flow("+15735550001", drip.url("/hook"), "immediate");
            String delivery = hub.call("c-drip", "+15735550001").json().get("delivery_id").asText();
            JsonNode d = hub.awaitAttempts(delivery, 1);
            assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
            assertThat(d.at("/attempts/0/error").asText()).isEqualTo("timed out after 1s");
            assertThat(d.get("status").asText()).isEqualTo("pending");
            assertThat(hub.app().dispatcher().hostLimit("127.0.0.1")).isLessThan(DeliveryLimits.defaults().perHost());
        }
    }

    private static AttemptOutcome send(String url) throws Exception {
        return sender.send(webhook, OutgoingRequest.postJson(url, "{}"), "d-1", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Map.of(),
                System.currentTimeMillis()).get(10, TimeUnit.SECONDS);
    }
}
