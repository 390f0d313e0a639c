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
        HooklineConfig cfg = tweak.apply(HooklineConfig.defaults(dataDir).withPort(0).withApiKey(KEY).withAllowPrivateTargets(true));
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

    public TestHub withoutKey() {
        return as(null);
    }

    @Override
    public void close() {
        app.close();
    }
}
