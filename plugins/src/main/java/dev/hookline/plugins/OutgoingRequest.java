package dev.hookline.plugins;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP request a connector wants sent. The hub adds {@code User-Agent} and the Standard
 * Webhooks signature headers (computed over {@code body}) and applies the time-out. Immutable.
 */
public record OutgoingRequest(String method, String url, Map<String, String> headers, String contentType, byte[] body) {
    public OutgoingRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A POST of a JSON text. */
    public static OutgoingRequest postJson(String url, String json) {
        return new OutgoingRequest("POST", url, Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
