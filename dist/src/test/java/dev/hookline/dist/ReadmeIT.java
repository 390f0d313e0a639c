package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's session: its {@code ```sh runnable} blocks, in order, run by bash against the real
 * jar on an empty hub. Any answer of 400 or more stops the script ({@code curl --fail-with-body}).
 * The hub resolves names from a hosts file that knows only localhost, so the documentation's
 * example hosts are never contacted; the one delivery that must succeed goes to a loopback receiver.
 */
class ReadmeIT {
    static final String KEY = "hk_readme_test_key_0123456789";
    static final Pattern RUNNABLE = Pattern.compile("```sh runnable\\n(.*?)```", Pattern.DOTALL);
    @TempDir Path dir;

    @Test
    void theReadmeSessionRunsTopToBottomOnAnEmptyHub() throws Exception {
        String readme = Files.readString(readme());
        List<String> blocks = new ArrayList<>();
        Matcher m = RUNNABLE.matcher(readme);
        while (m.find()) blocks.add(m.group(1));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(8);
        Path script = dir.resolve("session.sh");
        Files.writeString(script, "set -euo pipefail\n"
                + "curl() { command curl --fail-with-body --show-error \"$@\" || return; echo; }\n" // an HTTP error stops the session
                + String.join("\n", blocks));
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n");
        Path work = Files.createDirectories(dir.resolve("work"));

        try (Receiver receiver = Receiver.start();
             JarHub hub = JarHub.start(dir.resolve("hub.log"), Map.of("HOOKLINE_DATA_DIR", dir.resolve("data").toString(),
                     "HOOKLINE_API_KEY", KEY, "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true", "HOOKLINE_RETRY_DELAYS", "100ms"),
                     List.of("-Djdk.net.hosts.file=" + hosts))) {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("session.out").toFile());
            pb.environment().put("HL", hub.base());
            pb.environment().put("KEY", KEY);
            pb.environment().put("HOOK", receiver.url("/hookline"));
            Process bash = pb.start();
            boolean done = bash.waitFor(180, TimeUnit.SECONDS);
            if (!done) bash.destroyForcibly().waitFor();
            String out = Files.readString(dir.resolve("session.out"));
            assertThat(done).as("the session finished: " + out).isTrue();
            assertThat(bash.exitValue()).as("the session's exit status; its output:\n" + out).isZero();

            assertThat(out).contains("{\"status\":\"ok\"}");
            assertThat(out).contains("\"action\":\"forward\",\"destination\":\"+13055554567\""); // voice/inbound fell back
            assertThat(out).contains("\n/api/v1/openapi.json\n");
            // the Test button, the call's delivery and its redelivery reached the loopback receiver, signed
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // the redelivery goes out after its 202
            while (receiver.all().size() < 3 && System.nanoTime() < until) Thread.sleep(20);
            List<Receiver.Received> got = receiver.all();
            assertThat(got).hasSizeGreaterThanOrEqualTo(3);
            assertThat(got).allMatch(r -> r.path().equals("/hookline") && r.header("webhook-signature").startsWith("v1,"));
            assertThat(Files.readString(work.resolve("hookline.gs"))).contains("doPost");
            JsonNode flows = new ObjectMapper().readTree(hub.send("GET", "/api/v1/call-flows", KEY, null).body());
            assertThat(flows.get("data")).as("the clean-up deleted every flow of the session").isEmpty();
        }
    }

    private static Path readme() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        if (p == null) throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
        return p.resolve("README.md");
    }
}
