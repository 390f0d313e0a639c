package dev.hookline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the hub can be told at start-up, read from {@code HOOKLINE_*} environment variables
 * and, winning over them, matching {@code --flag=value} command-line flags. Immutable.
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
        boolean fsyncCommits) {

    /** Request bodies over this many bytes get 413. Calls and flows are a few KiB at most. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HooklineConfig {
        retryDelays = List.copyOf(retryDelays);
    }

    /** Defaults for everything; handy in tests, which then override with the with-ers. */
    public static HooklineConfig defaults(Path dataDir) {
        return from(Map.of("HOOKLINE_DATA_DIR", dataDir.toString()), new String[0]);
    }

    public static HooklineConfig fromEnvironment(String[] args) {
        return from(System.getenv(), args);
    }

    /** Reads the variables in {@code env}, then the flags in {@code args}; throws {@link ConfigException}. */
    public static HooklineConfig from(Map<String, String> env, String[] args) {
        Map<String, String> values = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("HOOKLINE_")) values.put(k, v);
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new ConfigException("unknown argument '" + arg + "': flags look like --port=8080");
            }
            String name = arg.substring(2, arg.indexOf('='));
            String variable = "HOOKLINE_" + name.toUpperCase().replace('-', '_');
            if (!KNOWN.contains(variable)) {
                throw new ConfigException("unknown flag --" + name);
            }
            values.put(variable, arg.substring(arg.indexOf('=') + 1));
        }
        return new HooklineConfig(
                intValue(values, "HOOKLINE_PORT", 8080, 0, 65535),
                Path.of(values.getOrDefault("HOOKLINE_DATA_DIR", "./data")),
                Optional.ofNullable(values.get("HOOKLINE_API_KEY")).filter(s -> !s.isBlank()).map(HooklineConfig::checkKey),
                boolValue(values, "HOOKLINE_ALLOW_PRIVATE_TARGETS", false),
                durations(values, "HOOKLINE_RETRY_DELAYS", "30s,2m"),
                positiveDuration(values, "HOOKLINE_POST_CALL_TIMEOUT", "10s"),
                positiveDuration(values, "HOOKLINE_AI_WAIT_TIMEOUT", "5m"),
                DEFAULT_MAX_BODY_BYTES,
                boolValue(values, "HOOKLINE_FSYNC", false));
    }

    public HooklineConfig withPort(int p) {
        return new HooklineConfig(p, dataDir, apiKey, allowPrivateTargets, retryDelays, postCallTimeout, aiWaitTimeout, maxBodyBytes, fsyncCommits);
    }

    public HooklineConfig withApiKey(String key) {
        return new HooklineConfig(port, dataDir, Optional.of(key), allowPrivateTargets, retryDelays, postCallTimeout, aiWaitTimeout, maxBodyBytes, fsyncCommits);
    }

    public HooklineConfig withAllowPrivateTargets(boolean allow) {
        return new HooklineConfig(port, dataDir, apiKey, allow, retryDelays, postCallTimeout, aiWaitTimeout, maxBodyBytes, fsyncCommits);
    }

    public HooklineConfig withRetryDelays(List<Duration> delays) {
        return new HooklineConfig(port, dataDir, apiKey, allowPrivateTargets, delays, postCallTimeout, aiWaitTimeout, maxBodyBytes, fsyncCommits);
    }

    public HooklineConfig withPostCallTimeout(Duration t) {
        return new HooklineConfig(port, dataDir, apiKey, allowPrivateTargets, retryDelays, t, aiWaitTimeout, maxBodyBytes, fsyncCommits);
    }

    public HooklineConfig withAiWaitTimeout(Duration t) {
        return new HooklineConfig(port, dataDir, apiKey, allowPrivateTargets, retryDelays, postCallTimeout, t, maxBodyBytes, fsyncCommits);
    }

    /** Attempts a delivery gets in all: the first plus one per retry delay. */
    public int maxAttempts() {
        return 1 + retryDelays.size();
    }

    private static final List<String> KNOWN = List.of("HOOKLINE_PORT", "HOOKLINE_DATA_DIR", "HOOKLINE_API_KEY",
            "HOOKLINE_ALLOW_PRIVATE_TARGETS", "HOOKLINE_RETRY_DELAYS", "HOOKLINE_POST_CALL_TIMEOUT", "HOOKLINE_AI_WAIT_TIMEOUT",
            "HOOKLINE_FSYNC");

    private static String checkKey(String key) {
        if (key.length() < 16) {
            throw new ConfigException("HOOKLINE_API_KEY is too short: use at least 16 characters");
        }
        return key;
    }

    private static int intValue(Map<String, String> v, String name, int dflt, int min, int max) {
        String raw = v.get(name);
        if (raw == null || raw.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(raw.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "='" + raw + "' is not valid: expected a whole number from " + min + " to " + max);
        }
    }

    private static boolean boolValue(Map<String, String> v, String name, boolean dflt) {
        String raw = v.get(name);
        if (raw == null || raw.isBlank()) return dflt;
        return switch (raw.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + "='" + raw + "' is not valid: expected true or false");
        };
    }

    private static List<Duration> durations(Map<String, String> v, String name, String dflt) {
        String raw = v.getOrDefault(name, dflt);
        try {
            List<Duration> list = Durations.parseList(raw);
            if (list.size() > 20) throw new IllegalArgumentException("at most 20 retries");
            return list;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + "='" + raw + "' is not valid: " + e.getMessage());
        }
    }

    private static Duration positiveDuration(Map<String, String> v, String name, String dflt) {
        String raw = v.getOrDefault(name, dflt);
        try {
            Duration d = Durations.parse(raw);
            if (d.isZero()) throw new IllegalArgumentException("must be more than zero");
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + "='" + raw + "' is not valid: " + e.getMessage());
        }
    }
}
