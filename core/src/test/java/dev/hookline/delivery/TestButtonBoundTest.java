package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Test button holds a server thread per press: a business gets a few at once, then 429 with Retry-After. */
class TestButtonBoundTest {

    @Test
    void aBusinessBeyondItsTestsInFlightGets429AndOthersAreNotHeldUp(@TempDir Path dir) throws Exception {
        try (Receiver tarpit = Receiver.start(); Receiver fine = Receiver.start();
             TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.withPostCallTimeout(Duration.ofSeconds(3)))) {
            tarpit.answer(Answer.hang(Duration.ofSeconds(10)));
            String flow = hub.flow("+15735550001", tarpit.url("/hook"), "immediate");
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
            for (int i = 0; i < TestGate.Limits.DEFAULT.perBusiness(); i++) running.add(pressTest(http, hub, TestHub.KEY, flow));
            for (int i = 0; i < running.size(); i++) tarpit.next(Duration.ofSeconds(10)); // all four are waiting on the tarpit

            TestHub.Reply refused = hub.post("/api/v1/call-flows/" + flow + "/post-call-webhook/test", "");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.error("code")).isEqualTo("too_many_requests");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");

            // another business's Test goes through meanwhile
            String otherKey = hub.app().apiKeys().createBusiness("Other")[1];
            TestHub other = hub.as(otherKey);
            String otherFlow = other.flow("+15735550002", fine.url("/hook"), "immediate");
            assertThat(other.post("/api/v1/call-flows/" + otherFlow + "/post-call-webhook/test", "").status()).isEqualTo(200);

            // once the running ones end (time-out), the business can test again
            for (CompletableFuture<HttpResponse<String>> r : running) assertThat(r.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            tarpit.answer(Answer.ok("ok"));
            assertThat(hub.post("/api/v1/call-flows/" + flow + "/post-call-webhook/test", "").status()).isEqualTo(200);
        }
    }

    private static CompletableFuture<HttpResponse<String>> pressTest(HttpClient http, TestHub hub, String key, String flow) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/call-flows/" + flow + "/post-call-webhook/test"))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
