package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.delivery.ClaimLeases;
import dev.hookline.testing.PgCluster;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code hookline.jar} processes on one PostgreSQL database: calls sent to both are delivered
 * once per delivery id; one hub is killed with SIGKILL while it holds claimed deliveries in flight,
 * and the other finishes them once their lease ran out, with the next attempt number and the
 * interrupted attempt on record.
 */
class SharedDatabaseIT {
    static final String KEY = "hk_shared_db_key_0123456789";
    static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough that a loaded machine's slow answer is not a time-out and a second send. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir Path dir;

    @Test
    void twoHubsDeliverEachCallOnceAndTheSurvivorFinishesWhatAKilledOneHeld() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        try (Receiver receiver = Receiver.start()) {
            // attempt 1 of the calls named k-* is held open: the hub sending it is killed meanwhile
            receiver.answer(r -> {
                JsonNode p = json(r.body());
                return p.get("call_id").asText().startsWith("k-") && p.get("attempt").asInt() == 1
                        ? Answer.hang(Duration.ofSeconds(60)) : Answer.ok("ok");
            });
            Process one = start("one", url);
            Process two = start("two", url);
            try {
                int p1 = port(one, "one");
                int p2 = port(two, "two");
                post(p1, "/api/v1/call-flows", "{\"name\":\"shared\",\"tracking_numbers\":[\"+15735551234\"],"
                        + "\"post_call_webhook\":{\"url\":\"" + receiver.url("/hook") + "\"}}");

                int calls = 200;
                ExecutorService senders = Executors.newFixedThreadPool(8);
                List<Future<JsonNode>> replies = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    int port = i % 2 == 0 ? p1 : p2;
                    String body = call("s-" + i);
                    replies.add(senders.submit(() -> post(port, "/api/v1/calls", body)));
                }
                for (Future<JsonNode> f : replies) f.get(60, TimeUnit.SECONDS);
                senders.shutdown();
                awaitRequests(receiver, "s-", calls, Duration.ofSeconds(60));

                // hub one takes four calls, claims them with its free slots and sends attempt 1: held open
                List<String> held = new ArrayList<>();
                for (int i = 0; i < 4; i++) held.add(post(p1, "/api/v1/calls", call("k-" + i)).get("delivery_id").asText());
                awaitRequests(receiver, "k-", held.size(), Duration.ofSeconds(20));
                one.destroyForcibly().waitFor();

                Duration lease = ClaimLeases.leaseFor(TIMEOUT);
                for (String id : held) {
                    JsonNode d = awaitSucceeded(p2, id, lease.plusSeconds(40));
                    assertThat(d.at("/attempts/0/attempt").asInt()).isEqualTo(1);
                    assertThat(d.at("/attempts/0/error").asText()).startsWith("interrupted");
                    assertThat(d.at("/attempts/1/attempt").asInt()).isEqualTo(2);
                    assertThat(d.at("/attempts/1/status_code").asInt()).isEqualTo(200);
                }

                Map<String, List<Receiver.Received>> byDelivery = new HashMap<>();
                for (Receiver.Received r : receiver.all()) {
                    byDelivery.computeIfAbsent(json(r.body()).get("delivery_id").asText(), k -> new ArrayList<>()).add(r);
                }
                assertThat(byDelivery).hasSize(calls + held.size());
                for (Map.Entry<String, List<Receiver.Received>> e : byDelivery.entrySet()) {
                    List<Receiver.Received> sends = e.getValue();
                    if (!held.contains(e.getKey())) {
                        assertThat(sends).as("sends of " + e.getKey()).hasSize(1);
                        continue;
                    }
                    assertThat(sends).as("the held attempt, then the take-over").hasSize(2);
                    assertThat(json(sends.get(1).body()).get("attempt").asInt()).isEqualTo(2);
                    double gap = (sends.get(1).receivedAtNanos() - sends.get(0).receivedAtNanos()) / 1e9;
                    assertThat(gap).as("no second send while the first hub's lease held").isGreaterThanOrEqualTo(lease.toSeconds() - 1.0);
                }
            } finally {
                one.destroyForcibly().waitFor();
                two.destroy();
                if (!two.waitFor(20, TimeUnit.SECONDS)) two.destroyForcibly().waitFor();
            }
        }
    }

    private Process start(String name, String url) throws IOException {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", ExamplePlugins.hooklineJar().toAbsolutePath().toString()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().put("HOOKLINE_DATA_DIR", dir.resolve(name).toString());
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.environment().put("HOOKLINE_API_KEY", KEY);
        pb.environment().put("HOOKLINE_ALLOW_PRIVATE_TARGETS", "true");
        pb.environment().put("HOOKLINE_DATABASE_URL", url);
        pb.environment().put("HOOKLINE_POST_CALL_TIMEOUT", TIMEOUT.toSeconds() + "s");
        pb.environment().put("HOOKLINE_RETRY_DELAYS", "200ms,200ms,200ms");
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private int port(Process p, String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) throw new IllegalStateException("hub " + name + " exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        throw new IllegalStateException("hub " + name + " did not start: " + Files.readString(log));
    }

    private static String call(String id) {
        return "{\"call_id\":\"" + id + "\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+13055559876\",\"status\":\"completed\"}";
    }

    private static void awaitRequests(Receiver receiver, String prefix, int n, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            long seen = receiver.all().stream().filter(r -> json(r.body()).get("call_id").asText().startsWith(prefix)).count();
            if (seen >= n) return;
            Thread.sleep(50);
        }
        throw new AssertionError("fewer than " + n + " requests of " + prefix + "* reached the receiver within " + max);
    }

    private JsonNode awaitSucceeded(int port, String id, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(port, "/api/v1/webhook-deliveries/" + id);
            if ("succeeded".equals(last.path("status").asText())) return last;
            Thread.sleep(250);
        }
        throw new AssertionError("delivery " + id + " not succeeded within " + max + ": " + last);
    }

    private JsonNode post(int port, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
