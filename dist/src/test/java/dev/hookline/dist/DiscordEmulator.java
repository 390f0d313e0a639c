package dev.hookline.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Discord incoming webhook on loopback: 204 for a message with content or embeds, 400 for an empty one, 404 when deleted. */
final class DiscordEmulator implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Receiver receiver = Receiver.start();
    private volatile boolean deleted;

    DiscordEmulator() {
        receiver.answer(this::respond);
    }

    String url() {
        return receiver.url("/api/webhooks/1234567890/t0k3n");
    }

    DiscordEmulator deleteWebhook() {
        deleted = true;
        return this;
    }

    private Answer respond(Received r) {
        if (deleted || !r.path().startsWith("/api/webhooks/")) return json(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
        try {
            JsonNode m = MAPPER.readTree(r.text());
            boolean hasContent = m.hasNonNull("content") && !m.get("content").asText().isBlank();
            boolean hasEmbeds = m.has("embeds") && m.get("embeds").size() > 0;
            if (!hasContent && !hasEmbeds) return json(400, "{\"message\": \"Cannot send an empty message\", \"code\": 50006}");
        } catch (IOException e) {
            return json(400, "{\"message\": \"The request body contains invalid JSON.\", \"code\": 50109}");
        }
        return new Answer(204, "", Duration.ZERO, Map.of());
    }

    List<Received> requests() {
        return receiver.all();
    }

    private static Answer json(int status, String body) {
        return new Answer(status, body, Duration.ZERO, Map.of("Content-Type", "application/json"));
    }

    @Override
    public void close() {
        receiver.close();
    }
}
