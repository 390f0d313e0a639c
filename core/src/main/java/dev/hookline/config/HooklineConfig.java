package dev.hookline.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the hub can be told at start-up, read from {@code HOOKLINE_*} environment variables
 * and, winning over them, matching {@code --flag=value} command-line flags. Immutable; tests
 * change one setting with {@link #with(String, String)}, which parses it as the hub would.
 */
public record HooklineConfig(
        int port,
        Path dataDir,
        Optional<String> apiKey,
        boolean allowPrivateTargets,
        List<Duration> retryDelays,
        Duration postCallTimeout,
        Duration aiWaitTimeout,
        long maxBodyBytes,
        boolean fsyncCommits,
        Optional<String> databaseUrl,
        Optional<String> adminKey,
        Optional<URI> publicUrl,
        Duration retention,
        LogFormat logFormat,
        Optional<URI> googleTokenUrl,
        Optional<URI> sheetsApiUrl,
        Map<String, String> settings) {

    /** Request bodies over this many bytes get 413. Calls and flows are a few KiB at most. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public enum LogFormat { TEXT, JSON }

    /** Every variable the hub reads ({@link Variables}); a flag is the name without {@code HOOKLINE_}, lower case, dashes. */
    static final List<String> KNOWN = Variables.names();

    public HooklineConfig {
        retryDelays = List.copyOf(retryDelays);
        settings = Map.copyOf(settings);
    }

    /** Defaults for everything but the data directory; tests then change settings with {@link #with}. */
    public static HooklineConfig defaults(Path dataDir) {
        return from(Map.of("HOOKLINE_DATA_DIR", dataDir.toString()), new String[0]);
    }

    public static HooklineConfig fromEnvironment(String[] args) {
        return from(System.getenv(), args);
    }

    /** Reads the variables in {@code env}, then the flags in {@code args}; throws {@link ConfigException}. */
    public static HooklineConfig from(Map<String, String> env, String[] args) {
        Settings s = new Settings();
        env.forEach((k, v) -> {
            if (KNOWN.contains(k)) s.put(k, v, k);
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new ConfigException("unknown argument '" + arg + "': flags look like --port=8080");
            }
            String name = arg.substring(2, arg.indexOf('='));
            String variable = variableOf(name);
            if (!KNOWN.contains(variable)) throw new ConfigException("unknown flag --" + name);
            s.put(variable, arg.substring(arg.indexOf('=') + 1), "--" + name);
        }
        return s.parse();
    }

    /** The flag that sets {@code variable}: {@code HOOKLINE_RETRY_DELAYS} → {@code --retry-delays}. */
    public static String flagOf(String variable) {
        return "--" + variable.substring("HOOKLINE_".length()).toLowerCase().replace('_', '-');
    }

    static String variableOf(String flagName) {
        return "HOOKLINE_" + flagName.toUpperCase().replace('-', '_');
    }

    /** A copy with one variable set to {@code value}, parsed as at start-up. */
    public HooklineConfig with(String variable, String value) {
        if (!KNOWN.contains(variable)) throw new ConfigException("unknown variable " + variable);
        Settings s = new Settings();
        settings.forEach((k, v) -> s.put(k, v, k));
        s.put(variable, value, variable);
        return s.parse();
    }

    public HooklineConfig withPort(int p) {
        return with("HOOKLINE_PORT", Integer.toString(p));
    }

    public HooklineConfig withApiKey(String key) {
        return with("HOOKLINE_API_KEY", key);
    }

    public HooklineConfig withAllowPrivateTargets(boolean allow) {
        return with("HOOKLINE_ALLOW_PRIVATE_TARGETS", Boolean.toString(allow));
    }

    public HooklineConfig withRetryDelays(List<Duration> delays) {
        return with("HOOKLINE_RETRY_DELAYS", String.join(",", delays.stream().map(Durations::format).toList()));
    }

    public HooklineConfig withPostCallTimeout(Duration t) {
        return with("HOOKLINE_POST_CALL_TIMEOUT", Durations.format(t));
    }

    public HooklineConfig withAiWaitTimeout(Duration t) {
        return with("HOOKLINE_AI_WAIT_TIMEOUT", Durations.format(t));
    }

    /** Attempts a delivery gets in all: the first plus one per retry delay. */
    public int maxAttempts() {
        return 1 + retryDelays.size();
    }

    /** The raw values given, with where each came from (a variable or a flag), for error messages. */
    private static final class Settings {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new HashMap<>();

        void put(String variable, String value, String source) {
            values.put(variable, value);
            sources.put(variable, source);
        }

        HooklineConfig parse() {
            Parser p = new Parser(values, sources);
            return new HooklineConfig(
                    p.intValue("HOOKLINE_PORT", 8080, 0, 65535),
                    Path.of(values.getOrDefault("HOOKLINE_DATA_DIR", "./data")),
                    p.secret("HOOKLINE_API_KEY"),
                    p.bool("HOOKLINE_ALLOW_PRIVATE_TARGETS", false),
                    p.durations("HOOKLINE_RETRY_DELAYS", "30s,2m"),
                    p.positiveDuration("HOOKLINE_POST_CALL_TIMEOUT", "10s"),
                    p.positiveDuration("HOOKLINE_AI_WAIT_TIMEOUT", "5m"),
                    DEFAULT_MAX_BODY_BYTES,
                    p.bool("HOOKLINE_FSYNC", false),
                    p.databaseUrl("HOOKLINE_DATABASE_URL"),
                    p.secret("HOOKLINE_ADMIN_KEY"),
                    p.httpUrl("HOOKLINE_PUBLIC_URL"),
                    p.duration("HOOKLINE_RETENTION", "90d"),
                    p.choice("HOOKLINE_LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
                    p.httpUrl("HOOKLINE_GOOGLE_TOKEN_URL"),
                    p.httpUrl("HOOKLINE_SHEETS_API_URL"),
                    values);
        }
    }
}
