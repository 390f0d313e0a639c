package dev.hookline.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.HubProcess;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: stop taking requests, let the ones in flight finish, close the store. */
class ShutdownTest {
    static final String KEY = "hk_shutdown_test_key_012345";
    @TempDir Path tmp;

    @Test
    void sigtermLetsAnInFlightRequestFinishAndClosesTheStore() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (Receiver slow = Receiver.start().answer(new Answer(200, "slow but fine", Duration.ofMillis(1500), Map.of()));
             HubProcess hub = HubProcess.start(tmp.resolve("data"), Map.of("HOOKLINE_API_KEY", KEY, "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true"))) {
            String base = "http://127.0.0.1:" + hub.port();
            HttpResponse<String> flow = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/call-flows"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"s\",\"post_call_webhook\":{\"url\":\"" + slow.url("/t") + "\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String flowId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(flow.body()).get("id").asText();

            // the Test button holds its request open while the receiver takes 1.5 s
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/call-flows/" + flowId + "/post-call-webhook/test"))
                    .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            slow.next(Duration.ofSeconds(10));
            int exit = hub.terminate(Duration.ofSeconds(20));

            HttpResponse<String> answer = inFlight.get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("slow but fine");
            assertThat(exit).isEqualTo(143); // the JVM's exit status after SIGTERM with hooks run
            assertThat(hub.output()).contains("store closed");
        }
    }
}
