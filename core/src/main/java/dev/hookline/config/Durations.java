package dev.hookline.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration syntax of the configuration: a whole number followed by ms, s, m, h or d. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {}

    /** Parses one duration such as {@code 30s}; throws {@link IllegalArgumentException} saying why not. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a duration (a whole number with ms, s, m, h or d, e.g. 30s)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Parses a comma-separated list such as {@code 30s,2m}; an empty text is an empty list. */
    public static List<Duration> parseList(String text) {
        List<Duration> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            out.add(parse(part));
        }
        return out;
    }

    /** Formats a duration the way the configuration writes it (largest exact unit). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
