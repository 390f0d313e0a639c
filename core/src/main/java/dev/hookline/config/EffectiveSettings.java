package dev.hookline.config;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * The settings the hub runs with, as one log line at start. Keys and secrets are never shown,
 * only whether they are set; a database URL shows its host and database, not its user or password.
 */
public final class EffectiveSettings {
    private EffectiveSettings() {}

    public static String describe(HooklineConfig c) {
        return "effective settings: port " + c.port()
                + "; store " + store(c)
                + "; api key " + (c.apiKey().isPresent() ? "set" : "generated")
                + "; admin key " + (c.adminKey().isPresent() ? "set" : "unset (admin routes off)")
                + "; retry delays " + (c.retryDelays().isEmpty() ? "none" : c.retryDelays().stream().map(Durations::format)
                        .collect(Collectors.joining(","))) + " (" + c.maxAttempts() + " attempts)"
                + "; post-call time-out " + Durations.format(c.postCallTimeout())
                + "; AI wait time-out " + Durations.format(c.aiWaitTimeout())
                + "; private targets " + (c.allowPrivateTargets() ? "ALLOWED" : "refused")
                + "; fsync " + (c.fsyncCommits() ? "every commit" : "off")
                + "; public URL " + c.publicUrl().map(URI::toString).orElse("unset")
                + "; retention " + (c.retention().isZero() ? "keep everything" : Durations.format(c.retention()))
                + "; log format " + c.logFormat().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String store(HooklineConfig c) {
        if (c.databaseUrl().isEmpty()) {
            return "SQLite " + c.dataDir().resolve("hookline.db").toAbsolutePath().normalize();
        }
        String url = c.databaseUrl().get();
        try {
            URI u = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
            return "PostgreSQL " + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath();
        } catch (IllegalArgumentException e) {
            return "PostgreSQL";
        }
    }
}
