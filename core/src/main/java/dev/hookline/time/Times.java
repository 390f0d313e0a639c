package dev.hookline.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Epoch milliseconds to and from the ISO-8601 UTC text the API speaks. */
public final class Times {
    private Times() {}

    /** {@code 2026-03-30T14:30:00Z}, with milliseconds only when there are some; null stays null. */
    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** The one format of payload times: {@code 2026-03-30T14:30:00Z}, UTC, whole seconds (a fraction is dropped). */
    private static final DateTimeFormatter PAYLOAD = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The last second formatted: a payload's two times are mostly the current second, so most calls format none. */
    private static volatile Formatted lastPayload = new Formatted(Long.MIN_VALUE, "");

    private record Formatted(long second, String text) {}

    /** A time as post-call payloads carry it: {@code 2026-03-30T14:30:00Z}, whatever its milliseconds. */
    public static String payload(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Formatted last = lastPayload;
        if (last.second() == second) return last.text();
        String text = PAYLOAD.format(Instant.ofEpochSecond(second));
        lastPayload = new Formatted(second, text);
        return text;
    }

    /** Parses an ISO-8601 instant ({@code …Z} or with an offset); throws {@link DateTimeParseException}. */
    public static long parse(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
    }
}
