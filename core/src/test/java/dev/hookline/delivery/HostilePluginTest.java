package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.PluginJars;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connector plugin that hangs or throws an Error fails only its own attempts; other flows' deliveries go on. */
class HostilePluginTest {
    @TempDir Path dir;

    /** A plugin whose connector does {@code buildBody} in {@code build}. */
    private static void hostile(Path plugins, String id, String buildBody) {
        String cls = "test.plugins." + id + ".HostileConnector";
        PluginJars.plugin("hostile-" + id).extension(cls, """
                import dev.hookline.plugins.*;

                @org.pf4j.Extension
                public final class HostileConnector implements Connector {
                    public String id() { return "%s"; }
                    public String name() { return "Hostile %s"; }
                    public int apiVersion() { return API_VERSION; }
                    public OutgoingRequest build(CallEvent e, Destination d) {
                        %s
                    }
                    public Verdict classify(HttpResult r) {
                        throw new StackOverflowError("classify gone wrong");
                    }
                }
                """.formatted(id, id, buildBody)).writeTo(plugins.resolve(id + ".jar"));
    }

    @Test
    void hangingAndErroringConnectorsFailOnlyTheirOwnDeliveries() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        hostile(plugins, "sleeper", "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException x) { } return null;");
        hostile(plugins, "thrower", "throw new OutOfMemoryError(\"plugin ran out\");");
        hostile(plugins, "misjudger", "return OutgoingRequest.postJson(d.url(), \"{}\");");
        try (Receiver receiver = Receiver.start();
             TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.withRetryDelays(List.of(Duration.ofHours(1))))) {
            hub.post("/api/v1/call-flows", flow("+15735550001", "sleeper", receiver.url("/sleeper")));
            hub.post("/api/v1/call-flows", flow("+15735550002", "thrower", receiver.url("/thrower")));
            hub.post("/api/v1/call-flows", flow("+15735550003", "misjudger", receiver.url("/misjudger")));
            hub.flow("+15735550004", receiver.url("/healthy"), "immediate");
            List<String> sleeping = new ArrayList<>();
            List<String> healthy = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sleeping.add(hub.call("sleep-" + i, "+15735550001").json().get("delivery_id").asText());
                hub.call("throw-" + i, "+15735550002");
                hub.call("judge-" + i, "+15735550003");
                healthy.add(hub.call("ok-" + i, "+15735550004").json().get("delivery_id").asText());
            }
            for (String id : healthy) {
                assertThat(hub.awaitAttempts(id, 1).get("status").asText()).isEqualTo("succeeded");
            }
            JsonNode slept = hub.awaitAttempts(sleeping.get(0), 1);
            assertThat(slept.at("/attempts/0/error").asText()).isEqualTo("connector 'sleeper' did not build the request within 2 s");
            assertThat(slept.get("status").asText()).as("retried later, not lost").isEqualTo("pending");
            JsonNode thrown = hub.awaitAttempts(deliveryOf(hub, "throw-0"), 1);
            assertThat(thrown.at("/attempts/0/error").asText())
                    .isEqualTo("connector 'thrower' failed to build the request: java.lang.OutOfMemoryError: plugin ran out");
            JsonNode judged = hub.awaitAttempts(deliveryOf(hub, "judge-0"), 1);
            assertThat(judged.get("status").asText()).as("a classify that throws falls back to the status").isEqualTo("succeeded");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (hub.app().dispatcher().inFlight() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(hub.app().dispatcher().inFlight()).as("no send slot is leaked").isZero();
        }
    }

    private static String deliveryOf(TestHub hub, String callId) {
        return hub.get("/api/v1/webhook-deliveries?call_id=" + callId).json().at("/data/0/delivery_id").asText();
    }

    private static String flow(String number, String connector, String url) {
        return """
                {"name": "%s", "tracking_numbers": ["%s"],
                 "post_call_webhook": {"enabled": true, "url": "%s", "connector": "%s"}}""".formatted(connector, number, url, connector);
    }
}
