package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.HubProcess;
import dev.hookline.testing.Receiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing accepted is lost: calls taken while the receiver is down survive a kill -9 and a restart. */
class CrashRecoveryTest {
    static final String KEY = "hk_crash_test_key_0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path tmp;

    @Test
    void everyAcceptedCallIsDeliveredAfterKillDashNineAndRestart() throws Exception {
        Path data = tmp.resolve("data");
        Receiver probe = Receiver.start();
        int receiverPort = probe.port();
        String url = probe.url("/hook");
        probe.close(); // the receiver is down while calls arrive

        Map<String, String> env = Map.of("HOOKLINE_API_KEY", KEY, "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true",
                "HOOKLINE_RETRY_DELAYS", "300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms",
                "HOOKLINE_POST_CALL_TIMEOUT", "2s");
        int calls = 40;
        Set<String> accepted = new HashSet<>();
        try (HubProcess first = HubProcess.start(data, env)) {
            post(first.port(), "/api/v1/call-flows", "{\"name\":\"crash\",\"tracking_numbers\":[\"+15735551234\"],"
                    + "\"post_call_webhook\":{\"url\":\"" + url + "\"}}", 201);
            for (int i = 0; i < calls; i++) {
                JsonNode r = post(first.port(), "/api/v1/calls", "{\"call_id\":\"crash-" + i + "\",\"tracking_number\":\"+15735551234\","
                        + "\"caller_number\":\"+13055559876\",\"status\":\"completed\"}", 201);
                accepted.add(r.get("call_id").asText());
            }
            first.kill();
        }
        assertThat(accepted).hasSize(calls);

        try (HubProcess second = HubProcess.start(data, env);
             Receiver receiver = Receiver.start("127.0.0.1", receiverPort)) {
            Set<String> delivered = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (delivered.size() < calls && System.nanoTime() < deadline) {
                Receiver.Received r = receiver.poll(Duration.ofMillis(500));
                if (r != null) delivered.add(JSON.readTree(r.body()).get("call_id").asText());
            }
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
            // every delivery ends succeeded, with its failed attempts on record
            long succeededDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            JsonNode list;
            do {
                list = get(second.port(), "/api/v1/webhook-deliveries?status=succeeded&limit=100");
            } while (list.get("data").size() < calls && System.nanoTime() < succeededDeadline && sleep());
            assertThat(list.get("data")).hasSize(calls);
            // the deliveries attempted while the receiver was down keep those attempts (the rest
            // waited without spending any once the host was held back as unreachable)
            JsonNode retried = null;
            for (JsonNode d : list.get("data")) {
                JsonNode one = get(second.port(), "/api/v1/webhook-deliveries/" + d.get("delivery_id").asText());
                if (one.get("attempts").size() > 1) {
                    retried = one;
                    break;
                }
            }
            assertThat(retried).as("a delivery with its failed attempts on record").isNotNull();
            assertThat(retried.at("/attempts/0/error").asText()).isNotBlank();
            assertThat(retried.at("/attempts/" + (retried.get("attempts").size() - 1) + "/status_code").asInt()).isEqualTo(200);
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private JsonNode post(int port, String path, String body, int expect) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expect);
        return JSON.readTree(r.body());
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
