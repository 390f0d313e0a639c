package dev.hookline.plugins;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer as a connector sees it: status, headers (names lower case) and the body decoded as
 * UTF-8: its first 4 KiB for an attempt the hub sends, all of it (up to {@link HttpPort#ANSWER_LIMIT})
 * through an {@link HttpPort}. Immutable.
 */
public record HttpResult(int statusCode, Map<String, List<String>> headers, String body) {
    public HttpResult {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** {@code HTTP <status>} followed by the start of the body, the usual text of a failed attempt. */
    public String reason() {
        String detail = bodySnippet(200);
        return "HTTP " + statusCode + (detail.isEmpty() ? "" : " " + detail);
    }

    /**
     * The {@code Retry-After} header as a wait: delay-seconds ({@code 30}) or an HTTP date. Empty
     * when the header is absent or unreadable; a date in the past reads as zero.
     */
    public Optional<Duration> retryAfter() {
        String raw = header("Retry-After");
        if (raw == null || raw.isBlank()) return Optional.empty();
        String v = raw.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The body with surrounding white space removed, cut to {@code max} characters: handy in a verdict's reason. */
    public String bodySnippet(int max) {
        String b = body.strip();
        return b.length() <= max ? b : b.substring(0, max) + "…";
    }
}
