package dev.hookline.plugins;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request a connector wants sent. The hub adds {@code User-Agent}, the flow's own
 * headers ({@code post_call_webhook.headers}) and the Standard Webhooks signature headers
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, computed over
 * {@code body}) and applies the time-out; a connector's own headers of those names are replaced.
 * Immutable: the public constructor copies the body it is given; {@link #body()} hands out a copy and
 * {@link #bodyBuffer()} a read-only view.
 */
public final class OutgoingRequest {
    private static final byte[] EMPTY = new byte[0];

    private final String method;
    private final String url;
    private final Map<String, String> headers;
    private final String contentType;
    private final byte[] body;

    public OutgoingRequest(String method, String url, Map<String, String> headers, String contentType, byte[] body) {
        this(method, url, Map.copyOf(headers), contentType, body == null ? EMPTY : body.clone(), true);
    }

    /** Takes {@code headers} and {@code body} over as they are: only for arrays no one else holds. */
    private OutgoingRequest(String method, String url, Map<String, String> headers, String contentType, byte[] body, boolean owned) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.contentType = contentType;
        this.body = body;
    }

    /** A POST of a JSON text. */
    public static OutgoingRequest postJson(String url, String json) {
        return new OutgoingRequest("POST", url, Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A POST of a JSON text given as UTF-8 bytes (copied). */
    public static OutgoingRequest postJson(String url, byte[] json) {
        return new OutgoingRequest("POST", url, Map.of(), "application/json", json);
    }

    /** A POST of the event's fields as JSON, exactly as {@link Json#write} writes them. */
    public static OutgoingRequest postJson(String url, CallEvent event) {
        return new OutgoingRequest("POST", url, Map.of(), "application/json", Json.writeUtf8(event.fields()), true);
    }

    /** A copy with one more header (replacing one of the same name). */
    public OutgoingRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new OutgoingRequest(method, url, Map.copyOf(h), contentType, body, true);
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String contentType() {
        return contentType;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as a read-only view, without a copy (for sending it). */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** The body, decoded as UTF-8 (for tests and logs). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutgoingRequest r && method.equals(r.method) && url.equals(r.url) && headers.equals(r.headers)
                && Objects.equals(contentType, r.contentType) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, url, headers, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "OutgoingRequest[" + method + " " + url + ", " + headers.size() + " headers, " + contentType + ", " + body.length + " bytes]";
    }
}
