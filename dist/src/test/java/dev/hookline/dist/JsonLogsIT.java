package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HOOKLINE_LOG_FORMAT=json} on the real jar: every line is one JSON object, delivery lines
 * carry delivery_id and call_id, and no line shows the API key, a signing secret, a webhook's path
 * or query, or a header value.
 */
class JsonLogsIT {
    static final String KEY = "hk_json_logs_key_0123456789";
    static final String PATH_SECRET = "T0SECRET/B0SECRET/pathtoken123";
    static final String HEADER_VALUE = "header-value-never-logged";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void everyLineIsJsonWithTheIdsOfItsDeliveryAndNoSecret() throws Exception {
        List<String> deliveries = new ArrayList<>();
        String secret;
        try (Receiver receiver = Receiver.start().answer(r -> Answer.status(500));
             JarHub hub = JarHub.start(dir.resolve("hub.log"), Map.of("HOOKLINE_DATA_DIR", dir.resolve("data").toString(),
                     "HOOKLINE_API_KEY", KEY, "HOOKLINE_LOG_FORMAT", "json", "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true",
                     "HOOKLINE_RETRY_DELAYS", "50ms,50ms"))) {
            HttpResponse<String> flow = hub.send("POST", "/api/v1/call-flows", KEY, """
                    {"name": "Ads", "tracking_numbers": ["+15735550002"],
                     "post_call_webhook": {"enabled": true, "url": "%s", "settings": {"api_key": "%s"}}}"""
                    .formatted(receiver.url("/" + PATH_SECRET + "?token=querysecret"), HEADER_VALUE));
            assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);
            secret = JSON.readTree(flow.body()).at("/post_call_webhook/signing_secret").asText();
            assertThat(secret).startsWith("whsec_");
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> call = hub.send("POST", "/api/v1/calls", KEY, """
                        {"call_id": "log-%d", "tracking_number": "+15735550002", "caller_number": "+13055559876", "status": "completed"}"""
                        .formatted(i));
                assertThat(call.statusCode()).as(call.body()).isEqualTo(201);
                deliveries.add(JSON.readTree(call.body()).get("delivery_id").asText());
            }
            awaitFailed(hub, deliveries);
            hub.stop();

            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(hub.log)) {
                JsonNode node = JSON.readTree(line); // throws on a line that is not JSON
                assertThat(node.isObject()).as(line).isTrue();
                assertThat(node.get("level").asText()).as(line).isNotEmpty();
                assertThat(node.get("formattedMessage").asText()).as(line).isNotEmpty();
                lines.add(node);
            }
            assertThat(lines).anyMatch(l -> l.get("formattedMessage").asText().contains("listening on port " + hub.port));
            assertThat(lines).anyMatch(l -> l.get("formattedMessage").asText().startsWith("effective settings:")
                    && l.get("formattedMessage").asText().contains("api key set"));

            for (String id : deliveries) {
                List<JsonNode> mine = lines.stream().filter(l -> id.equals(l.at("/mdc/delivery_id").asText(null))).toList();
                assertThat(mine).as("lines of delivery " + id).hasSize(3); // two retried attempts, then the final failure
                assertThat(mine).allMatch(l -> l.at("/mdc/call_id").asText("").startsWith("log-"));
                assertThat(mine).allMatch(l -> l.get("formattedMessage").asText().contains("127.0.0.1"));
                assertThat(mine.get(2).get("level").asText()).isEqualTo("WARN");
            }
            String all = Files.readString(hub.log);
            for (String leak : List.of(KEY, secret, secret.substring("whsec_".length()), PATH_SECRET, "querysecret", HEADER_VALUE, receiver.url("/"))) {
                assertThat(all).as("the log shows " + leak).doesNotContain(leak);
            }
        }
    }

    private static void awaitFailed(JarHub hub, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String id : ids) {
            while (true) {
                JsonNode d = JSON.readTree(hub.send("GET", "/api/v1/webhook-deliveries/" + id, KEY, null).body());
                if ("failed".equals(d.path("status").asText())) break;
                if (System.nanoTime() > deadline) throw new AssertionError("delivery " + id + " did not fail: " + d);
                Thread.sleep(50);
            }
        }
    }
}
