package dev.hookline.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.HubProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log names hosts, never keys or webhook URLs; a generated key is the one exception, printed once. */
class LogSecrecyTest {
    static final String CONFIGURED = "hk_configured_secret_key_0123456789";
    static final String CHANGED = "hk_changed_secret_key_9876543210";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String URL_SECRET = "T0001/B0001/sEcReTpAtHxyz";

    @Test
    void noKeyAndNoWebhookUrlReachesTheLog(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String log;
        try (HubProcess hub = HubProcess.start(data, Map.of("HOOKLINE_API_KEY", CONFIGURED, "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true",
                "HOOKLINE_RETRY_DELAYS", "100ms"))) {
            String url = "http://127.0.0.1:" + closedPort + "/services/" + URL_SECRET;
            post(hub, CONFIGURED, "/api/v1/call-flows", "{\"name\": \"Log\", \"tracking_numbers\": [\"+15735550001\"], "
                    + "\"post_call_webhook\": {\"enabled\": true, \"url\": \"" + url + "\", \"connector\": \"webhook\"}}");
            String delivery = MAPPER.readTree(post(hub, CONFIGURED, "/api/v1/calls", "{\"call_id\": \"c1\", \"tracking_number\": "
                    + "\"+15735550001\", \"caller_number\": \"+13055559876\", \"status\": \"completed\"}").body()).get("delivery_id").asText();
            post(hub, "hk_wrong_key_presented_00000000", "/api/v1/call-flows", "{}");
            awaitFailed(hub, delivery); // both attempts fail (connection refused) and are recorded
            hub.terminate(Duration.ofSeconds(20));
            log = hub.output();
        }
        try (HubProcess hub = HubProcess.start(data, Map.of("HOOKLINE_API_KEY", CHANGED))) {
            hub.terminate(Duration.ofSeconds(20));
            log += hub.output();
        }
        assertThat(log).contains("listening on port").contains("HOOKLINE_API_KEY changed");
        for (String secret : new String[] {CONFIGURED, CHANGED, "hk_wrong_key_presented"}) {
            assertThat(log).doesNotContain(secret.substring(0, 10)).doesNotContain(secret.substring(3, 20));
        }
        assertThat(log).doesNotContain(URL_SECRET).doesNotContain("/services/");
    }

    @Test
    void aGeneratedKeyIsPrintedOnceAndWorks(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        String first;
        String key;
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            first = hub.output();
            Matcher m = Pattern.compile("(hk_[A-Za-z0-9_-]{43})").matcher(first);
            assertThat(m.find()).as(first).isTrue();
            key = m.group(1);
            assertThat(post(hub, key, "/api/v1/api-keys", "{\"name\": \"second\"}").statusCode()).isEqualTo(201);
            hub.terminate(Duration.ofSeconds(20));
            first = hub.output();
        }
        assertThat(first.split(Pattern.quote(key), -1)).as("the key appears exactly once").hasSize(2);
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            hub.terminate(Duration.ofSeconds(20));
            assertThat(hub.output()).doesNotContain(key.substring(0, 10)).doesNotContain("generated the API key");
        }
    }

    private static void awaitFailed(HubProcess hub, String delivery) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.port() + "/api/v1/webhook-deliveries/" + delivery))
                    .header("Authorization", "Bearer " + CONFIGURED).build(), HttpResponse.BodyHandlers.ofString());
            if (MAPPER.readTree(r.body()).path("status").asText().equals("failed")) return;
            Thread.sleep(50);
        }
        throw new AssertionError("delivery " + delivery + " did not fail in time");
    }

    private static HttpResponse<String> post(HubProcess hub, String key, String path, String json) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
