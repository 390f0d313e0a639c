package dev.hookline.connectors;

import static dev.hookline.testing.PluginJars.garbage;
import static dev.hookline.testing.PluginJars.withConnector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/connectors} and what a connector says when a flow is saved, with plugin jars dropped into the data dir. */
class ConnectorApiTest {
    @TempDir Path dir;
    TestHub hub;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        withConnector("acme-plugin", "acme").descriptor("plugin.version", "1.4.0").writeTo(plugins.resolve("acme.jar"));
        garbage(plugins.resolve("broken.jar"));
        hub = TestHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static String flow(String connector, String url) {
        return """
                {"name": "Ads", "tracking_numbers": ["+15735551234"],
                 "post_call_webhook": {"enabled": true, "url": "%s", "connector": "%s"}}""".formatted(url, connector);
    }

    @Test
    void theHubStartsDespiteABrokenJarAndListsWhatLoaded() {
        Reply r = hub.get("/api/v1/connectors");
        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).toString()).isEqualTo(
                "{\"id\":\"webhook\",\"name\":\"Generic webhook (JSON POST)\",\"plugin_id\":null,\"plugin_version\":null}");
        assertThat(data.get(1).toString()).isEqualTo(
                "{\"id\":\"acme\",\"name\":\"Test connector acme\",\"plugin_id\":\"acme-plugin\",\"plugin_version\":\"1.4.0\"}");
        assertThat(hub.withoutKey().get("/api/v1/connectors").status()).isEqualTo(401);
    }

    @Test
    void aFlowNamingAnUninstalledConnectorIsRefused() {
        Reply r = hub.post("/api/v1/call-flows", flow("slack", "https://hooks.slack.com/services/T/B/X"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo("post_call_webhook.connector");
        assertThat(r.error("message")).contains("'slack' is not installed");
    }

    @Test
    void theConnectorsErrorsRefuseTheFlowOnTheUrl() {
        Reply r = hub.post("/api/v1/call-flows", flow("acme", "https://example.com/refuse"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo("post_call_webhook.url");
        assertThat(r.error("message")).contains("this URL is refused by acme");
    }

    @Test
    void theConnectorsWarningsComeBackInTheSaveAnswer() {
        Reply created = hub.post("/api/v1/call-flows", flow("acme", "https://example.com/warn"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/post_call_webhook/warnings").toString()).isEqualTo("[\"this URL looks odd to acme\"]");
        String id = created.json().get("id").asText();

        Reply fine = hub.put("/api/v1/call-flows/" + id, flow("acme", "https://example.com/fine"));
        assertThat(fine.status()).isEqualTo(200);
        assertThat(fine.json().at("/post_call_webhook/warnings")).isEmpty();

        // an answer sent back as it came (warnings included) is a valid body
        Reply echoed = hub.put("/api/v1/call-flows/" + id, created.body());
        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.json().at("/post_call_webhook/warnings")).hasSize(1);
    }

    @Test
    void theGenericWebhookHasNoWarnings() {
        Reply created = hub.post("/api/v1/call-flows", flow("webhook", "https://example.com/warn"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/post_call_webhook/warnings")).isEmpty();
    }
}
