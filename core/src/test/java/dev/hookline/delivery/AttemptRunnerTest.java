package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.connectors.ConnectorInfo;
import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.model.Endpoint;
import dev.hookline.model.FiringMode;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HubSettings;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import dev.hookline.store.Codec;
import dev.hookline.store.StoreContractTest;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attempt runner alone, with a real Jetty client, the built-in webhook connector and a
 * loopback receiver: what one attempt sends, and the outcome it makes of each way it can end.
 */
class AttemptRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a-test-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final long SENT_AT = Instant.parse("2026-03-30T14:31:07.250Z").toEpochMilli();

    private final Codec codec = new Codec(JSON);
    private HttpClient client;
    private Receiver receiver;
    private AttemptRunner runner;

    @BeforeEach
    void start() {
        client = HttpClients.start(new TargetPolicy(true), 8, "test-delivery");
        receiver = Receiver.start();
        runner = runner(catalog(null));
    }

    @AfterEach
    void stop() {
        runner.close();
        receiver.close();
        HttpClients.stop(client);
    }

    @Test
    void anAttemptSendsTheCallsPayloadSignedAsItsMessageWithTheFlowsHeaders() throws Exception {
        receiver.answer(Answer.ok("{\"ok\":true}"));
        Delivery d = delivery("webhook", Map.of("X-Api-Key", "k-123"));
        AttemptOutcome o = runner.run(d, 2, call(), false, SENT_AT).get(10, TimeUnit.SECONDS);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.statusCode()).isEqualTo(200);
        assertThat(o.responseBody()).isEqualTo("{\"ok\":true}");
        assertThat(o.sent()).isTrue();
        Receiver.Received r = receiver.next(Duration.ofSeconds(5));
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.header("X-Api-Key")).isEqualTo("k-123");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("call_id").asText()).isEqualTo("c-1");
        assertThat(body.get("delivery_id").asText()).isEqualTo(d.deliveryId());
        assertThat(body.get("attempt").asInt()).isEqualTo(2);
        assertThat(body.get("webhook_sent_at").asText()).isEqualTo("2026-03-30T14:31:07Z");
        assertThat(body.get("source").asText()).isEqualTo("google");
        String id = r.header("webhook-id");
        assertThat(id).isEqualTo(d.webhookId());
        assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(SENT_AT / 1000));
        assertThat(r.header("webhook-signature")).isEqualTo(signature(id, SENT_AT / 1000, r.body()));
    }

    @Test
    void anAnswerTheConnectorCallsRetryableIsARetryWithItsStatusAndBody() throws Exception {
        receiver.answer(new Answer(503, "down for a minute", Duration.ZERO, Map.of()));
        AttemptOutcome o = runner.run(delivery("webhook", Map.of()), 1, call(), false, SENT_AT).get(10, TimeUnit.SECONDS);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(o.statusCode()).isEqualTo(503);
        assertThat(o.responseBody()).isEqualTo("down for a minute");
        assertThat(o.error()).contains("503");
    }

    @Test
    void aConnectorNotInstalledFailsForGoodWithoutSending() throws Exception {
        AttemptOutcome o = runner.run(delivery("crm-x", Map.of()), 1, call(), false, SENT_AT).get(10, TimeUnit.SECONDS);
        assertThat(o.verdict().kind()).isEqualTo(Verdict.Kind.PERMANENT);
        assertThat(o.sent()).isFalse();
        assertThat(o.error()).isEqualTo("connector 'crm-x' is not installed");
        assertThat(receiver.all()).as("nothing reached the receiver").isEmpty();
    }

    @Test
    void aConnectorThatThrowsAnErrorFailsOnlyThisAttemptWithAReadableReason() throws Exception {
        runner.close();
        runner = runner(catalog(new Connector() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public String name() {
                return "Broken";
            }

            @Override
            public OutgoingRequest build(CallEvent event, Destination destination) {
                throw new StackOverflowError("deep");
            }
        }));
        AttemptOutcome o = runner.run(delivery("broken", Map.of()), 1, call(), false, SENT_AT).get(10, TimeUnit.SECONDS);
        assertThat(o.verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(o.sent()).isFalse();
        assertThat(o.error()).contains("broken").contains("StackOverflowError");
        assertThat(receiver.all()).as("nothing reached the receiver").isEmpty();

        receiver.answer(Answer.ok("fine"));
        assertThat(runner.run(delivery("webhook", Map.of()), 1, call(), false, SENT_AT).get(10, TimeUnit.SECONDS).succeeded())
                .as("the next delivery, with another connector, is sent").isTrue();
    }

    private AttemptRunner runner(ConnectorCatalog catalog) {
        Sender sender = new Sender(client, Duration.ofSeconds(5), new TargetPolicy(true), d -> List.of(d.endpoint().signingSecret()));
        DirectSender direct = new DirectSender(client, new TargetPolicy(true), Duration.ofSeconds(5), HubSettings.none(), Clock.systemUTC());
        return new AttemptRunner(sender, direct, catalog, codec);
    }

    /** The built-in connectors, and {@code extra} when given. */
    private static ConnectorCatalog catalog(Connector extra) {
        ConnectorCatalog builtIn = ConnectorCatalog.builtIn();
        return new ConnectorCatalog() {
            @Override
            public Optional<Connector> find(String id) {
                return extra != null && extra.id().equals(id) ? Optional.of(extra) : builtIn.find(id);
            }

            @Override
            public List<ConnectorInfo> list() {
                return builtIn.list();
            }
        };
    }

    private static Call call() {
        long at = SENT_AT - 60_000;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("duration_seconds", 145);
        details.put("source", "google");
        return new Call("c-1", "b-1", "f-1", "+15735551234", "+13055559876", "completed", details, false, null, at, at);
    }

    private Delivery delivery(String connector, Map<String, String> headers) {
        Endpoint e = new Endpoint(receiver.url("/hook"), "127.0.0.1", connector, "{}", SECRET, codec.settingsText(headers));
        return Delivery.pending("d-1", call(), StoreContractTest.flowFor("b-1", "f-1", List.of(), FiringMode.IMMEDIATE), "call.completed", e, 3,
                false, SENT_AT - 60_000, SENT_AT - 60_000).claimed("run-a");
    }

    /** Standard Webhooks, computed here from its definition: base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret's bytes. */
    private static String signature(String id, long ts, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
