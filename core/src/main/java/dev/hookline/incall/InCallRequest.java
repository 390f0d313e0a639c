package dev.hookline.incall;

import java.util.Map;

/**
 * One outgoing in-call webhook request, fully built: method, URL (with the call's fields in the
 * query for GET), for other methods the content type and exact body bytes (null when none), and
 * extra headers (the Standard Webhooks signature). Immutable by convention: the body array is not
 * copied and must not be changed.
 */
record InCallRequest(String method, String url, String contentType, byte[] body, Map<String, String> headers) {

    InCallRequest(String method, String url, String contentType, byte[] body) {
        this(method, url, contentType, body, Map.of());
    }

    InCallRequest {
        headers = Map.copyOf(headers);
    }
}
