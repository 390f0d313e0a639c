package dev.hookline.delivery;

import static dev.hookline.testing.PluginJars.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin connector that delivers directly (DirectDelivery) in a real hub: its requests go out
 * through the hub's port, the hub records and retries what it returns, its secret setting is masked.
 */
class DirectDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Two requests per attempt: GET {base}/first, then POST {base}/second with the setting "token"; modes hang and throw. */
    static final String CONNECTOR = """
            import dev.hookline.plugins.*;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.CompletableFuture;

            @org.pf4j.Extension
            public final class DirectTestConnector implements Connector, DirectDelivery {
                public String id() { return "direct"; }
                public String name() { return "Direct test connector"; }
                public int apiVersion() { return API_VERSION; }
                public Set<String> secretSettings() { return Set.of("token"); }
                public Validation validate(Destination d) {
                    String t = d.setting("token");
                    return t != null && t.startsWith("tok_") ? Validation.ok() : Validation.settingError("token", "must start with tok_");
                }
                public OutgoingRequest build(CallEvent e, Destination d) { throw new IllegalStateException("not used"); }
                public CompletableFuture<AttemptResult> deliver(DirectAttempt a) {
                    String mode = a.destination().setting("mode", "normal");
                    if (mode.equals("hang")) return new CompletableFuture<>();
                    if (mode.equals("throw")) throw new IllegalStateException("boom");
                    if (mode.equals("stall")) { // blocks in what it chains on the port's answer, until the test lets go
                        return a.http().send(new OutgoingRequest("GET", a.hub().get(HubSettings.GOOGLE_TOKEN_URL, "") + "/stall", Map.of(), null, null))
                                .thenApply(r -> {
                                    long until = System.currentTimeMillis() + 30_000;
                                    while (!Boolean.getBoolean("hookline.test.release") && System.currentTimeMillis() < until) {
                                        try { Thread.sleep(10); } catch (InterruptedException e) { break; }
                                    }
                                    return AttemptResult.of(Verdict.success(), r);
                                });
                    }
                    String base = a.hub().get(HubSettings.GOOGLE_TOKEN_URL, "https://unset.example");
                    OutgoingRequest first = new OutgoingRequest("GET", base + "/first?attempt=" + a.number(), Map.of(), null, null);
                    return a.http().send(first)
                            .thenCompose(r1 -> a.http().send(OutgoingRequest.postJson(base + "/second", Json.write(Map.of(
                                    "token", a.destination().setting("token"), "first", r1.body(),
                                    "delivery_id", a.event().string("delivery_id"), "clock", a.clock().millis())))))
                            .thenApply(r2 -> AttemptResult.of(r2.statusCode() == 200 ? Verdict.success()
                                    : Verdict.retry("second said " + r2.statusCode()), r2))
                            .exceptionally(e -> AttemptResult.of(Verdict.retry("port: " + (e.getCause() == null ? e : e.getCause()).getMessage())));
                }
            }
            """;

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    Receiver service;
    TestHub hub;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        plugin("direct-plugin").extension("test.plugins.direct.DirectTestConnector", CONNECTOR).writeTo(plugins.resolve("direct.jar"));
        service = Receiver.start();
    }

    void startHub(UnaryOperator<dev.hookline.config.HooklineConfig> more) {
        hub = TestHub.start(dir, clock, c -> more.apply(c.withRetryDelays(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)))
                .withPostCallTimeout(Duration.ofSeconds(5)).with("HOOKLINE_GOOGLE_TOKEN_URL", service.url("/svc"))));
    }

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
        service.close();
        System.clearProperty("hookline.test.release");
    }

    String flow(String settings) {
        Reply r = hub.post("/api/v1/call-flows", """
                {"name": "Direct", "tracking_numbers": ["+15735551234"],
                 "post_call_webhook": {"url": "https://sheet.example.com/d/1", "connector": "direct", "settings": %s}}""".formatted(settings));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String call(String id) {
        Reply r = hub.call(id, "+15735551234");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("delivery_id").asText();
    }

    JsonNode settled(String deliveryId, int attempts) {
        return hub.awaitDelivery(deliveryId, d -> d.get("attempts").size() >= attempts
                && !(d.get("status").asText().equals("pending") && d.get("next_attempt_at").isNull()), WAIT);
    }

    @Test
    void theConnectorsRequestsGoThroughThePortAndItsResultIsRecorded() throws Exception {
        startHub(c -> c);
        service.answer(r -> r.path().endsWith("/first") ? Answer.ok("one") : Answer.ok("{\"written\":true}"));
        flow("{\"token\": \"tok_abcdef123456\"}");
        String id = call("c1");

        JsonNode d = hub.awaitDelivery(id, x -> x.get("status").asText().equals("succeeded"), WAIT);
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
        assertThat(d.at("/attempts/0/response_body").asText()).isEqualTo("{\"written\":true}");
        assertThat(d.at("/attempts/0/error").isNull()).isTrue();
        List<Received> got = service.all();
        assertThat(got).extracting(Received::method, Received::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/svc/first"), org.assertj.core.groups.Tuple.tuple("POST", "/svc/second"));
        assertThat(got.get(0).query()).isEqualTo("attempt=1");
        JsonNode second = JSON.readTree(got.get(1).body());
        assertThat(second.get("token").asText()).isEqualTo("tok_abcdef123456");
        assertThat(second.get("first").asText()).isEqualTo("one");
        assertThat(second.get("delivery_id").asText()).isEqualTo(id);
        assertThat(second.get("clock").asLong()).as("the hub's clock").isEqualTo(clock.millis());
        // the hub signs nothing it does not build; its User-Agent still goes out
        assertThat(got.get(1).header("webhook-signature")).isNull();
        assertThat(got.get(1).header("user-agent")).startsWith("Hookline/");
    }

    @Test
    void aFailedResultIsRetriedOnTheHubsScheduleWithTheNextAttemptNumber() {
        startHub(c -> c);
        service.answer(r -> r.path().endsWith("/first") ? Answer.ok("one")
                : service.all().stream().filter(x -> x.path().endsWith("/second")).count() == 1 ? Answer.status(503) : Answer.ok("ok"));
        flow("{\"token\": \"tok_abcdef123456\"}");
        String id = call("c2");

        JsonNode first = settled(id, 1);
        assertThat(first.get("status").asText()).isEqualTo("pending");
        assertThat(first.at("/attempts/0/status_code").asInt()).isEqualTo(503);
        assertThat(first.at("/attempts/0/error").asText()).isEqualTo("second said 503");
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        JsonNode d = hub.awaitDelivery(id, x -> x.get("status").asText().equals("succeeded"), WAIT);
        assertThat(d.get("attempts")).hasSize(2);
        assertThat(service.all().stream().filter(r -> r.path().endsWith("/first")).map(Received::query)).containsExactly("attempt=1", "attempt=2");
    }

    @Test
    void aConnectorThatNeverFinishesTimesOutAndOneThatThrowsFails() {
        startHub(c -> c.withPostCallTimeout(Duration.ofMillis(500)));
        flow("{\"token\": \"tok_abcdef123456\", \"mode\": \"hang\"}");
        JsonNode hung = settled(call("c3"), 1);
        assertThat(hung.at("/attempts/0/error").asText()).isEqualTo("timed out after 500ms");
        assertThat(hung.at("/attempts/0/status_code").isNull()).isTrue();

        String flowId = hub.get("/api/v1/call-flows").json().at("/data/0/id").asText();
        Reply put = hub.put("/api/v1/call-flows/" + flowId, """
                {"name": "Direct", "tracking_numbers": ["+15735551234"],
                 "post_call_webhook": {"url": "https://sheet.example.com/d/1", "connector": "direct",
                                       "settings": {"token": "tok_abcdef123456", "mode": "throw"}}}""");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode threw = settled(call("c4"), 1);
        assertThat(threw.at("/attempts/0/error").asText()).isEqualTo("connector 'direct' failed: java.lang.IllegalStateException: boom");
        assertThat(threw.get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aPluginBlockingInWhatItChainsOnAnAnswerHoldsUpNoOtherDelivery() {
        startHub(c -> c.withPostCallTimeout(Duration.ofSeconds(20)));
        service.answer(r -> Answer.ok("ok"));
        Receiver plain = Receiver.start();
        try {
            flow("{\"token\": \"tok_abcdef123456\", \"mode\": \"stall\"}");
            Reply other = hub.post("/api/v1/call-flows", """
                    {"name": "Plain", "tracking_numbers": ["+15735550000"], "post_call_webhook": {"url": "%s"}}""".formatted(plain.url("/hook")));
            assertThat(other.status()).as(other.body()).isEqualTo(201);
            String stalled = call("c8");
            hub.awaitDelivery(stalled, x -> service.all().stream().anyMatch(r -> r.path().endsWith("/stall")), WAIT);

            // the answer to the stalled plugin's request was read by the client's selector thread;
            // the plugin's blocking code must run elsewhere, or no other answer is read meanwhile
            Reply r = hub.call("c9", "+15735550000");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            JsonNode d = hub.awaitDelivery(r.json().get("delivery_id").asText(), x -> x.get("status").asText().equals("succeeded"), WAIT);
            assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
            assertThat(hub.awaitDelivery(stalled, x -> true, WAIT).get("status").asText()).as("still in its attempt").isEqualTo("pending");
        } finally {
            System.setProperty("hookline.test.release", "true");
            plain.close();
        }
    }

    @Test
    void thePortKeepsTheAddressPolicy() {
        startHub(c -> c.withAllowPrivateTargets(false));
        flow("{\"token\": \"tok_abcdef123456\"}");
        JsonNode d = settled(call("c5"), 1);
        assertThat(d.at("/attempts/0/error").asText()).startsWith("port: the URL " + service.url("/svc/first"))
                .contains("points to an internal address");
        assertThat(service.all()).isEmpty();
    }

    @Test
    void anAnswerOverTheLimitFailsTheRequest() {
        startHub(c -> c.withPostCallTimeout(Duration.ofSeconds(20)));
        String huge = "x".repeat(dev.hookline.plugins.HttpPort.ANSWER_LIMIT + 1);
        service.answer(r -> Answer.ok(huge));
        flow("{\"token\": \"tok_abcdef123456\"}");
        JsonNode d = settled(call("c6"), 1);
        assertThat(d.at("/attempts/0/error").asText()).startsWith("port: ").contains("longer than 16 MiB");
    }

    @Test
    void aSecretSettingIsMaskedAndAMaskedValueSavedBackKeepsTheStoredOne() throws Exception {
        startHub(c -> c);
        service.answer(r -> Answer.ok("ok"));
        Reply created = hub.post("/api/v1/call-flows", """
                {"name": "Direct", "tracking_numbers": ["+15735551234"],
                 "post_call_webhook": {"url": "https://sheet.example.com/d/1", "connector": "direct",
                                       "settings": {"token": "tok_abcdef123456", "mode": "normal"}}}""");
        assertThat(created.json().at("/post_call_webhook/settings/token").asText()).isEqualTo("…3456");
        assertThat(created.json().at("/post_call_webhook/settings/mode").asText()).isEqualTo("normal");
        String flowId = created.json().get("id").asText();
        JsonNode got = hub.get("/api/v1/call-flows/" + flowId).json();
        assertThat(got.at("/post_call_webhook/settings/token").asText()).isEqualTo("…3456");
        assertThat(hub.get("/api/v1/call-flows").body()).doesNotContain("tok_abcdef123456");

        // the GET answer sent back as it is: the stored token stays
        Reply put = hub.put("/api/v1/call-flows/" + flowId, got.toString());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("tok_abcdef123456");
        hub.awaitDelivery(call("c7"), x -> x.get("status").asText().equals("succeeded"), WAIT);
        Received second = service.all().stream().filter(r -> r.path().endsWith("/second")).findFirst().orElseThrow();
        assertThat(JSON.readTree(second.body()).get("token").asText()).isEqualTo("tok_abcdef123456");

        // a new value replaces it
        Reply changed = hub.put("/api/v1/call-flows/" + flowId, got.toString().replace("…3456", "tok_zyxwvu987654"));
        assertThat(changed.json().at("/post_call_webhook/settings/token").asText()).isEqualTo("…7654");
    }

    @Test
    void aSettingTheConnectorRefusesIsA400NamingIt() {
        startHub(c -> c);
        Reply r = hub.post("/api/v1/call-flows", """
                {"name": "Direct", "tracking_numbers": ["+15735551234"],
                 "post_call_webhook": {"url": "https://sheet.example.com/d/1", "connector": "direct", "settings": {"token": "nope"}}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo("post_call_webhook.settings.token");
        assertThat(r.error("message")).isEqualTo("post_call_webhook.settings.token: must start with tok_");
    }

    @Test
    void theTestButtonSendsItsSampleThroughTheConnectorToo() throws Exception {
        startHub(c -> c);
        service.answer(r -> Answer.ok("ok"));
        String flowId = flow("{\"token\": \"tok_abcdef123456\"}");
        Reply test = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "{}");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("status_code").asInt()).isEqualTo(200);
        Received second = service.all().stream().filter(r -> r.path().endsWith("/second")).findFirst().orElseThrow();
        assertThat(JSON.readTree(second.body()).get("delivery_id").asText()).isEqualTo(test.json().get("delivery_id").asText());
    }
}
