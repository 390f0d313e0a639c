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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Slack incoming webhook on loopback, as Slack behaves: 200 {@code ok}; 400 {@code no_text}
 * for a body without {@code text} (raw call JSON), 400 {@code invalid_payload} for bad JSON,
 * 400 {@code invalid_blocks} over the Block Kit limits, 404 {@code no_service} off
 * {@code /services/…}, 410 {@code channel_is_archived} once archived, and 429 with Retry-After
 * when told to rate-limit. Error bodies are text, not JSON.
 */
final class SlackEmulator implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Receiver receiver = Receiver.start();
    private final Queue<Answer> upcoming = new ConcurrentLinkedQueue<>();
    private volatile boolean archived;

    SlackEmulator() {
        receiver.answer(this::respond);
    }

    String url() {
        return receiver.url("/services/T0HOOK/B0LINE/s3cr3tT0k3n");
    }

    Receiver receiver() {
        return receiver;
    }

    /** The next request is answered 429 with this Retry-After. */
    SlackEmulator rateLimitNext(String retryAfter) {
        upcoming.add(new Answer(429, "rate_limited", Duration.ZERO, Map.of("Retry-After", retryAfter)));
        return this;
    }

    SlackEmulator archiveChannel() {
        archived = true;
        return this;
    }

    private Answer respond(Received r) {
        if (!r.path().startsWith("/services/")) return text(404, "no_service");
        if (archived) return text(410, "channel_is_archived");
        Answer scripted = upcoming.poll();
        if (scripted != null) return scripted;
        JsonNode body;
        try {
            body = MAPPER.readTree(r.text());
        } catch (IOException e) {
            return text(400, "invalid_payload");
        }
        if (body == null || !body.isObject()) return text(400, "invalid_payload");
        if (!body.hasNonNull("text") || body.get("text").asText().isBlank()) return text(400, "no_text");
        String blocksProblem = blocksProblem(body.get("blocks"));
        return blocksProblem == null ? text(200, "ok") : text(400, "invalid_blocks");
    }

    /** Block Kit limits: 50 blocks; header 150; section text 3000; 10 fields of 2000. */
    static String blocksProblem(JsonNode blocks) {
        if (blocks == null) return null;
        if (!blocks.isArray() || blocks.size() > 50) return "blocks";
        for (JsonNode b : blocks) {
            String type = b.path("type").asText();
            if (type.equals("header") && b.at("/text/text").asText().length() > 150) return "header";
            if (type.equals("section")) {
                if (b.has("text") && b.at("/text/text").asText().length() > 3000) return "section text";
                JsonNode fields = b.get("fields");
                if (fields != null) {
                    if (fields.size() > 10) return "fields";
                    for (JsonNode f : fields) if (f.path("text").asText().length() > 2000) return "field";
                }
                if (!b.has("text") && fields == null) return "empty section";
            }
        }
        return null;
    }

    List<Received> requests() {
        return receiver.all();
    }

    private static Answer text(int status, String body) {
        return new Answer(status, body, Duration.ZERO, Map.of("Content-Type", "text/plain"));
    }

    @Override
    public void close() {
        receiver.close();
    }
}
