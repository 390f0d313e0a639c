package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.PluginJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar hookline.jar}, the artifact users run: its bundled plugins and a dropped-in one load. */
class HooklineJarIT {
    static final String KEY = "hk_jar_test_key_0123456789";
    static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    @TempDir Path dir;

    @Test
    void theJarLoadsItsBundledConnectorsAndThoseInPlugins() throws Exception {
        Path data = dir.resolve("data");
        ExamplePlugins.dropDiscordInto(data);
        PluginJars.garbage(data.resolve("plugins/broken.jar"));
        Path log = dir.resolve("hub.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ExamplePlugins.hooklineJar().toAbsolutePath().toString()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().put("HOOKLINE_DATA_DIR", data.toString());
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.environment().put("HOOKLINE_API_KEY", KEY);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process hub = pb.start();
        try {
            int port = awaitPort(hub, log);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/connectors"))
                    .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode data1 = new ObjectMapper().readTree(r.body()).get("data");
            assertThat(data1).extracting(c -> c.get("id").asText()).containsExactly("webhook", "discord", "make", "sheets", "sheets-api", "slack",
                    "zapier");
            assertThat(Files.readString(log)).contains("broken.jar").contains("connector 'slack' loaded from plugin hookline-slack");
        } finally {
            hub.destroy();
            if (!hub.waitFor(20, TimeUnit.SECONDS)) hub.destroyForcibly().waitFor();
        }
    }

    private static int awaitPort(Process p, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) throw new AssertionError("the hub exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        throw new AssertionError("the hub did not start: " + Files.readString(log));
    }
}
