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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar hookline.jar} as users run it, as a child process on loopback, its log (stdout and stderr) in a file. */
final class JarHub implements AutoCloseable {
    static final String KEY = "hk_jar_test_key_0123456789";
    static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer, its body parsed when it is JSON. */
    record Reply(int status, String body, JsonNode json) {}

    final Process process;
    final Path log;
    final int port;

    private JarHub(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** A hub on {@code dir/data} with {@link #KEY} as its key and the given variables, its log in {@code dir/hub.log}. */
    static JarHub withKey(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(Map.of("HOOKLINE_DATA_DIR", dir.resolve("data").toString(), "HOOKLINE_API_KEY", KEY));
        all.putAll(env);
        return start(dir.resolve("hub.log"), all);
    }

    /** Starts the jar with only {@code env} of the HOOKLINE_ variables (plus port 0) and waits for its port. */
    static JarHub start(Path log, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(log, env, List.of(), args);
    }

    /** The same with JVM options before {@code -jar}. */
    static JarHub start(Path log, Map<String, String> env, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process p = run(log, env, jvmArgs, args);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos(); // generous: CI machines can be crowded
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) return new JarHub(p, log, Integer.parseInt(m.group(1)));
            if (!p.isAlive()) throw new AssertionError("the hub exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        throw new AssertionError("the hub did not start: " + Files.readString(log));
    }

    /** Runs the jar with {@code args} (a sub-command, say) and the given variables; output to {@code log}. */
    static Process run(Path log, Map<String, String> env, String... args) throws IOException {
        return run(log, env, List.of(), args);
    }

    private static Process run(Path log, Map<String, String> env, List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", ExamplePlugins.hooklineJar().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> send(String method, String path, String key, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (key != null) b.header("Authorization", "Bearer " + key);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Reply get(String path) {
        return reply("GET", path, null);
    }

    Reply post(String path, String json) {
        return reply("POST", path, json);
    }

    Reply put(String path, String json) {
        return reply("PUT", path, json);
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

    /** {@code method path} with {@link #KEY}. */
    private Reply reply(String method, String path, String json) {
        try {
            HttpResponse<String> r = send(method, path, KEY, json);
            JsonNode parsed = null;
            try {
                parsed = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                // left null: the test asserts on the raw body
            }
            return new Reply(r.statusCode(), r.body(), parsed);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then waits for the clean stop (SIGKILL after 20 s). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
