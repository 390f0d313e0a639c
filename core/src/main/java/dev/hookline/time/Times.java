package dev.hookline.time;

import java.time.Instant;
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

    /** Parses an ISO-8601 instant ({@code …Z} or with an offset); throws {@link DateTimeParseException}. */
    public static long parse(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
    }
}
