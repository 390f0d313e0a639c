package dev.hookline.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The last second formatted: a payload's two times are mostly the current second, so most calls format none. */
    private static volatile Formatted lastPayload = new Formatted(Long.MIN_VALUE, "");

    private record Formatted(long second, String text) {}

    /**
     * A time as post-call payloads carry it, {@code 2026-03-30T14:30:00Z}: UTC, whole seconds (a
     * fraction is dropped). Written by hand: java.time's formatter made five objects per time, and
     * a call's {@code created_at} is rarely the second just formatted.
     */
    public static String payload(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Formatted last = lastPayload;
        if (last.second() == second) return last.text();
        String text = payloadText(second);
        lastPayload = new Formatted(second, text);
        return text;
    }

    private static String payloadText(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0 || year > 9999) return Instant.ofEpochSecond(epochSecond).toString(); // ISO's signed years, never seen in a call
        byte[] t = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        digits(t, 0, year, 4);
        digits(t, 5, date.getMonthValue(), 2);
        digits(t, 8, date.getDayOfMonth(), 2);
        digits(t, 11, secondOfDay / 3600, 2);
        digits(t, 14, secondOfDay / 60 % 60, 2);
        digits(t, 17, secondOfDay % 60, 2);
        return new String(t, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] t, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            t[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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
