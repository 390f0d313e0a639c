package dev.hookline.dist;

import static dev.hookline.testing.PluginJars.garbage;
import static dev.hookline.testing.PluginJars.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.config.Version;
import dev.hookline.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five bundled connectors load from their real plugin jars, and bad jars next to them do not stop the hub. */
class BundledConnectorsIT {
    @TempDir Path dir;

    static List<String> describe(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(c -> out.add(c.get("id").asText() + " " + c.get("plugin_id").asText() + " " + c.get("plugin_version").asText()));
        return out;
    }

    @Test
    void theBundledPluginsAreExtractedAndListed() throws IOException {
        try (TestHub hub = Hubs.start(dir)) {
            JsonNode data = hub.get("/api/v1/connectors").json().get("data");
            String v = Version.get();
            assertThat(describe(data)).containsExactly("webhook null null", "make hookline-make " + v, "sheets hookline-sheets " + v,
                    "sheets-api hookline-sheets-api " + v, "slack hookline-slack " + v, "zapier hookline-zapier " + v);
            assertThat(data.get(4).get("name").asText()).isEqualTo("Slack incoming webhook");
        }
        try (Stream<Path> files = Files.list(dir.resolve(".bundled-plugins").resolve(Version.get()))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("hookline-connector-make.jar",
                    "hookline-connector-sheets-api.jar", "hookline-connector-sheets.jar", "hookline-connector-slack.jar",
                    "hookline-connector-zapier.jar");
        }
        assertThat(dir.resolve("plugins")).isDirectory();
    }

    @Test
    void corruptIncompatibleAndDuplicatePluginsAreSkippedAndTheHubStarts() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        garbage(plugins.resolve("corrupt.jar"));
        plugin("future-plugin").connector("future", "42").writeTo(plugins.resolve("future.jar"));
        plugin("no-descriptor").descriptor("plugin.id", null).descriptor("plugin.version", null)
                .connector("nodesc", "Connector.API_VERSION").writeTo(plugins.resolve("no-descriptor.jar"));
        plugin("another-slack").connector("slack", "Connector.API_VERSION").writeTo(plugins.resolve("another-slack.jar"));
        ExamplePlugins.dropDiscordInto(dir);

        try (TestHub hub = Hubs.start(dir)) {
            assertThat(hub.get("/health").status()).isEqualTo(200);
            JsonNode data = hub.get("/api/v1/connectors").json().get("data");
            assertThat(data).extracting(c -> c.get("id").asText()).containsExactly("webhook", "discord", "make", "sheets", "sheets-api", "slack",
                    "zapier");
            assertThat(data.get(5).get("plugin_id").asText()).isEqualTo("hookline-slack");
        }
    }

    @Test
    void aCopyOfABundledPluginInPluginsIsSkipped() throws IOException {
        try (TestHub first = Hubs.start(dir.resolve("first"))) {
            assertThat(first.get("/api/v1/connectors").status()).isEqualTo(200);
        }
        Path bundledSlack = dir.resolve("first/.bundled-plugins").resolve(Version.get()).resolve("hookline-connector-slack.jar");
        Path data = dir.resolve("second");
        Files.copy(bundledSlack, Files.createDirectories(data.resolve("plugins")).resolve("my-slack-copy.jar"));
        try (TestHub hub = Hubs.start(data)) {
            assertThat(hub.get("/api/v1/connectors").json().get("data")).extracting(c -> c.get("id").asText())
                    .containsExactly("webhook", "make", "sheets", "sheets-api", "slack", "zapier");
        }
    }
}
