package dev.hookline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed reads of raw configuration values; each error names where the value came from (variable or flag). */
final class Parser {
    private final Map<String, String> values;
    private final Map<String, String> sources;

    Parser(Map<String, String> values, Map<String, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    private String raw(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private ConfigException bad(String name, String why) {
        return new ConfigException(sources.getOrDefault(name, name) + "='" + values.get(name) + "' is not valid: " + why);
    }

    /** For values that may carry a password: the error names the variable or flag, never the value. */
    private ConfigException badHidden(String name, String why) {
        return new ConfigException(sources.getOrDefault(name, name) + " is not valid: " + why);
    }

    int intValue(String name, int dflt, int min, int max) {
        String raw = raw(name);
        if (raw == null) return dflt;
        try {
            int n = Integer.parseInt(raw);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw bad(name, "expected a whole number from " + min + " to " + max);
        }
    }

    boolean bool(String name, boolean dflt) {
        String raw = raw(name);
        if (raw == null) return dflt;
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw bad(name, "expected true or false");
        };
    }

    /** A key of at least 16 characters, or empty when unset. */
    Optional<String> secret(String name) {
        String raw = raw(name);
        if (raw == null) return Optional.empty();
        if (raw.length() < 16) {
            throw new ConfigException(sources.getOrDefault(name, name) + " is too short: use at least 16 characters");
        }
        return Optional.of(raw);
    }

    List<Duration> durations(String name, String dflt) {
        String raw = values.getOrDefault(name, dflt);
        try {
            List<Duration> list = Durations.parseList(raw);
            if (list.size() > 20) throw new IllegalArgumentException("at most 20 retries");
            return list;
        } catch (IllegalArgumentException e) {
            throw bad(name, e.getMessage());
        }
    }

    /** A duration; {@code 0} alone means zero. */
    Duration duration(String name, String dflt) {
        String raw = raw(name);
        if (raw == null) raw = dflt;
        if (raw.equals("0")) return Duration.ZERO;
        try {
            return Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw bad(name, e.getMessage());
        }
    }

    Duration positiveDuration(String name, String dflt) {
        Duration d = duration(name, dflt);
        if (d.isZero()) throw bad(name, "must be more than zero");
        return d;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E dflt) {
        String raw = raw(name);
        if (raw == null) return dflt;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) return e;
        }
        throw bad(name, "expected one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    /** An absolute http(s) URL, or empty when unset. */
    Optional<URI> httpUrl(String name) {
        String raw = raw(name);
        if (raw == null) return Optional.empty();
        try {
            URI u = new URI(raw);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!u.isAbsolute() || u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new URISyntaxException(raw, "not absolute");
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            throw bad(name, "expected an absolute http or https URL such as https://hooks.example.com");
        }
    }

    /** {@code postgresql://user:pass@host:port/db} or {@code jdbc:postgresql://…}, or empty when unset. */
    Optional<String> databaseUrl(String name) {
        String raw = raw(name);
        if (raw == null) return Optional.empty();
        String url = raw.startsWith("jdbc:") ? raw.substring(5) : raw;
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw badHidden(name, "expected postgresql://user:password@host:port/database (or the jdbc:postgresql: form)");
        }
        try {
            URI u = new URI(url);
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) throw new URISyntaxException(raw, "incomplete");
        } catch (URISyntaxException e) {
            throw badHidden(name, "expected postgresql://user:password@host:port/database (or the jdbc:postgresql: form)");
        }
        return Optional.of(raw);
    }
}
