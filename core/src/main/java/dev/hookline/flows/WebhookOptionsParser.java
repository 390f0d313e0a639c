package dev.hookline.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.http.ApiException;
import dev.hookline.http.JsonInput;
import dev.hookline.model.CallFields;
import dev.hookline.model.CallFilter;
import dev.hookline.model.WebhookOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code headers}, {@code events} and {@code filter} of a {@code post_call_webhook} body, or
 * a 400 naming the field at fault ({@code post_call_webhook.headers.X-Api-Key},
 * {@code post_call_webhook.filter.min_ai_score}). Header values are never put in a message.
 * Stateless.
 */
final class WebhookOptionsParser {
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 1000;
    static final int MAX_SOURCES = 50;
    /** The names the hub sets itself, or the HTTP connection manages. */
    static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-connection");
    /** An HTTP field name: a token (RFC 9110). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Set<String> FILTER_KEYS = Set.of("qualified_ai", "min_ai_score", "min_duration_seconds", "sources");

    private WebhookOptionsParser() {}

    static WebhookOptions parse(JsonInput hook) {
        return new WebhookOptions(headers(hook), events(hook), filter(hook));
    }

    private static Map<String, String> headers(JsonInput hook) {
        JsonInput h = hook.optionalObject("headers");
        Map<String, String> out = new LinkedHashMap<>();
        if (h == null) return out;
        if (h.node().size() > MAX_HEADERS) {
            throw ApiException.invalid(hook.name("headers"), hook.name("headers") + " may hold at most " + MAX_HEADERS + " headers");
        }
        for (var it = h.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String field = h.name(name);
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches()) {
                throw ApiException.invalid(field, field + ": a header name is 1-100 letters, digits or !#$%&'*+.^_`|~-");
            }
            if (RESERVED.contains(lower) || lower.startsWith("webhook-")) {
                throw ApiException.invalid(field, field + ": " + name + " is set by Hookline (or the HTTP connection) and cannot be replaced");
            }
            if (out.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw ApiException.invalid(field, field + " repeats a header name (names are not case-sensitive)");
            }
            JsonNode v = h.node().get(name);
            if (v == null || !v.isTextual()) throw ApiException.invalid(field, field + " must be a string");
            String value = v.asText();
            if (value.length() > MAX_HEADER_VALUE) {
                throw ApiException.invalid(field, field + " must be at most " + MAX_HEADER_VALUE + " characters");
            }
            if (!HeaderSecrets.isMasked(value) && !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw ApiException.invalid(field, field + " must be printable ASCII (no line breaks or control characters)");
            }
            out.put(name, value);
        }
        return out;
    }

    private static List<String> events(JsonInput hook) {
        List<String> events = hook.optionalStringArray("events");
        if (events == null) return null;
        if (events.isEmpty()) {
            throw ApiException.invalid(hook.name("events"), hook.name("events") + " must name at least one event (or leave it out for all); "
                    + "to send nothing, set enabled to false");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            String field = hook.name("events") + "[" + i + "]";
            if (!CallFields.EVENTS.contains(e)) throw ApiException.invalid(field, field + " must be one of " + String.join(", ", CallFields.EVENTS));
            if (out.contains(e)) throw ApiException.invalid(field, field + " repeats " + e);
            out.add(e);
        }
        return out;
    }

    private static CallFilter filter(JsonInput hook) {
        JsonInput f = hook.optionalObject("filter");
        if (f == null) return CallFilter.NONE;
        f.allowOnly(FILTER_KEYS);
        Long score = f.optionalLong("min_ai_score", 0, 100);
        Long duration = f.optionalLong("min_duration_seconds", 0, Integer.MAX_VALUE);
        List<String> sources = f.optionalStringArray("sources");
        if (sources != null) {
            if (sources.isEmpty()) {
                throw ApiException.invalid(f.name("sources"), f.name("sources") + " must name at least one source (or leave it out for any)");
            }
            if (sources.size() > MAX_SOURCES) throw ApiException.invalid(f.name("sources"), f.name("sources") + " may name at most " + MAX_SOURCES);
            for (int i = 0; i < sources.size(); i++) {
                String s = sources.get(i);
                if (s.isBlank() || s.length() > 200) {
                    String field = f.name("sources") + "[" + i + "]";
                    throw ApiException.invalid(field, field + " must be 1-200 characters");
                }
            }
        }
        return new CallFilter(f.optionalBoolean("qualified_ai"), score == null ? null : score.intValue(),
                duration == null ? null : duration.intValue(), sources);
    }
}
