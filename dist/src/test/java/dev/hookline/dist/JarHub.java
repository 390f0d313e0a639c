package dev.hookline.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar hookline.jar} as users run it, on port 0 with the given variables, and a client bound to its key. */
final class JarHub implements AutoCloseable {
    static final String KEY = "hk_jar_test_key_0123456789";
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Reply(int status, String body, JsonNode json) {}

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JarHub(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static JarHub start(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path log = dir.resolve("hub.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ExamplePlugins.hooklineJar().toAbsolutePath().toString()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().put("HOOKLINE_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.environment().put("HOOKLINE_API_KEY", KEY);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) return new JarHub(p, log, Integer.parseInt(m.group(1)));
            if (!p.isAlive()) throw new AssertionError("the hub exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("the hub did not start: " + Files.readString(log));
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Polls a delivery until {@code done} holds (bounded); returns its last view. */
    JsonNode awaitDelivery(String id, Predicate<JsonNode> done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get("/api/v1/webhook-deliveries/" + id).json();
            if (done.test(last)) return last;
            Thread.sleep(20);
        }
        throw new AssertionError("delivery " + id + " did not reach the expected state within " + max + ": " + last);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                // left null: the test asserts on the raw body
            }
            return new Reply(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
