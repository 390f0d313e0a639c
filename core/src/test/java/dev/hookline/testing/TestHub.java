package dev.hookline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.App;
import dev.hookline.config.HooklineConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real hub on a temp data dir and port 0, with a small HTTP client bound to its API key. */
public final class TestHub implements AutoCloseable {
    public static final String KEY = "hk_test_key_0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final App app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String key = KEY;

    public record Reply(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
        public String error(String part) {
            return json.path("error").path(part).asText(null);
        }
    }

    private TestHub(App app) {
        this.app = app;
    }

    public static TestHub start(Path dataDir) {
        return start(dataDir, Clock.systemUTC(), c -> c);
    }

    public static TestHub start(Path dataDir, Clock clock, UnaryOperator<HooklineConfig> tweak) {
        // retention off unless a test sets it: a background pass must not remove a test's calls dated long ago
        HooklineConfig base = HooklineConfig.defaults(dataDir).withPort(0).withApiKey(KEY).withAllowPrivateTargets(true)
                .with("HOOKLINE_RETENTION", "0");
        String pg = OnPostgres.currentUrl();
        if (pg != null) base = base.with("HOOKLINE_DATABASE_URL", pg);
        HooklineConfig cfg = tweak.apply(base);
        return new TestHub(new App(cfg, clock).start());
    }

    public App app() {
        return app;
    }

    public TestHub as(String apiKey) {
        TestHub other = new TestHub(app);
        other.key = apiKey;
        return other;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply send(HttpRequest.Builder b) {
        if (key != null) b.header("Authorization", "Bearer " + key);
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                // left null: the test asserts on the raw body
            }
            return new Reply(r.statusCode(), r.body(), json, r.headers());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    /** Creates a flow posting to {@code url}; returns its id. */
    public String flow(String trackingNumber, String url, String firingMode) {
        Reply r = post("/api/v1/call-flows", "{\"name\":\"Flow " + trackingNumber + "\",\"tracking_numbers\":[\"" + trackingNumber + "\"],"
                + "\"post_call_webhook\":{\"enabled\":true,\"url\":\"" + url + "\",\"firing_mode\":\"" + firingMode + "\"}}");
        if (r.status() != 201) throw new AssertionError("flow not created: " + r.body());
        return r.json().get("id").asText();
    }

    /** Reports a completed call; returns the 201 answer. */
    public Reply call(String callId, String trackingNumber) {
        return post("/api/v1/calls", "{\"call_id\":\"" + callId + "\",\"tracking_number\":\"" + trackingNumber
                + "\",\"caller_number\":\"+13055559876\",\"status\":\"completed\"}");
    }

    /** Polls a delivery until {@code done} holds (bounded); returns its last view. */
    public JsonNode awaitDelivery(String deliveryId, java.util.function.Predicate<JsonNode> done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get("/api/v1/webhook-deliveries/" + deliveryId).json();
            if (done.test(last)) return last;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("delivery " + deliveryId + " did not reach the expected state within " + max + ": " + last);
    }

    public JsonNode awaitAttempts(String deliveryId, int n) {
        return awaitDelivery(deliveryId, d -> d.get("attempts").size() >= n, Duration.ofSeconds(15));
    }

    public TestHub withoutKey() {
        return as(null);
    }

    @Override
    public void close() {
        app.close();
    }
}
