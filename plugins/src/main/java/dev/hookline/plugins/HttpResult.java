package dev.hookline.plugins;

import java.util.List;
import java.util.Map;

/**
 * An HTTP answer as a connector sees it: status, headers (names lower case) and the start of the
 * body (at most 4 KiB, decoded as UTF-8). Immutable.
 */
public record HttpResult(int statusCode, Map<String, List<String>> headers, String body) {
    public HttpResult {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
