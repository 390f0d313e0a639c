package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third-party plugin (the Discord example) dropped into plugins/: loaded, listed and delivering. */
class DiscordPluginIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;
    TestHub hub;
    DiscordEmulator discord;

    @BeforeEach
    void start() throws IOException {
        ExamplePlugins.dropDiscordInto(dir);
        hub = Hubs.start(dir);
        discord = new DiscordEmulator();
    }

    @AfterEach
    void stop() {
        hub.close();
        discord.close();
    }

    @Test
    void theDroppedPluginIsListed() {
        JsonNode data = hub.get("/api/v1/connectors").json().get("data");
        assertThat(data.get(1).toString()).isEqualTo("{\"id\":\"discord\",\"name\":\"Discord webhook (example plugin)\","
                + "\"plugin_id\":\"example-discord\",\"plugin_version\":\"0.1.0\"}");
    }

    @Test
    void aFlowWithTheDroppedConnectorDelivers() throws Exception {
        Reply saved = Hubs.flow(hub, "+15735551234", "discord", discord.url(), "{}");
        assertThat(saved.json().at("/post_call_webhook/warnings/0").asText()).contains("discord.com/api/webhooks");
        String deliveryId = Hubs.call(hub, "call-discord-1", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(204);
        JsonNode message = MAPPER.readTree(discord.requests().get(0).text());
        assertThat(message.get("content").asText()).isEqualTo("Call from +1 305-555-9876 · Google Ads");
        assertThat(message.at("/embeds/0/description").asText()).isEqualTo("Wants a quote for a new AC unit");
        assertThat(discord.requests().get(0).header("webhook-id")).isEqualTo(deliveryId);
    }

    @Test
    void aDeletedWebhookStopsTheDelivery() {
        discord.deleteWebhook();
        Hubs.flow(hub, "+15735551234", "discord", discord.url(), "{}");
        JsonNode d = Hubs.finished(hub, Hubs.call(hub, "call-discord-404", "+15735551234"));
        assertThat(d.get("status").asText()).isEqualTo("failed");
        assertThat(d.get("attempts")).hasSize(1);
        assertThat(d.get("last_error").asText()).startsWith("HTTP 404").contains("Unknown Webhook");
    }
}
