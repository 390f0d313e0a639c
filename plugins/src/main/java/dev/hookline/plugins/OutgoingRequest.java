package dev.hookline.plugins;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request a connector wants sent. The hub adds {@code User-Agent}, the flow's own
 * headers ({@code post_call_webhook.headers}) and the Standard Webhooks signature headers
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, computed over
 * {@code body}) and applies the time-out; a connector's own headers of those names are replaced.
 * Immutable.
 */
public record OutgoingRequest(String method, String url, Map<String, String> headers, String contentType, byte[] body) {
    public OutgoingRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A POST of a JSON text. */
    public static OutgoingRequest postJson(String url, String json) {
        return postJson(url, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of a JSON text given as UTF-8 bytes (e.g. from {@link Json#writeUtf8}). */
    public static OutgoingRequest postJson(String url, byte[] json) {
        return new OutgoingRequest("POST", url, Map.of(), "application/json", json);
    }

    /** A copy with one more header (replacing one of the same name). */
    public OutgoingRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new OutgoingRequest(method, url, h, contentType, body);
    }

    /** The body, decoded as UTF-8 (for tests and logs). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
