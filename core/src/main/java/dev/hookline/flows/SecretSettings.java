package dev.hookline.flows;

import dev.hookline.model.PostCallWebhook;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The connector settings that hold credentials ({@code Connector.secretSettings()}): masked in
 * every answer ({@code …wxyz}: the last four letters or digits), and kept as
 * stored when a flow is saved back with the masked value. Thread-safe.
 */
public final class SecretSettings {
    private final Function<String, Set<String>> secretsOf;

    /** {@code secretsOf} gives a connector's secret setting names by connector id (empty when unknown, never null). */
    public SecretSettings(Function<String, Set<String>> secretsOf) {
        this.secretsOf = secretsOf;
    }

    /** No connector has secret settings: for tests and tools that load no plugins. */
    public static SecretSettings none() {
        return new SecretSettings(id -> Set.of());
    }

    /** The settings as answers show them: secret ones masked (all of them when the connector cannot say which). */
    public Map<String, String> masked(String connector, Map<String, String> settings) {
        Set<String> secret = secretsOf(connector);
        if (secret != null && secret.isEmpty()) return settings;
        Map<String, String> out = new LinkedHashMap<>(settings);
        out.replaceAll((k, v) -> secret == null || secret.contains(k) ? mask(v) : v);
        return out;
    }

    /** Whether setting {@code name} of {@code connector} is a secret; true for every setting of a connector that cannot say. */
    public boolean isSecret(String connector, String name) {
        Set<String> secret = secretsOf(connector);
        return secret == null || secret.contains(name);
    }

    /**
     * {@code incoming} with each secret setting that came back masked replaced by the stored
     * value, when the connector is the same; any other value (a new secret) is taken as given.
     */
    public PostCallWebhook keepStored(PostCallWebhook stored, PostCallWebhook incoming) {
        if (!incoming.connector().equals(stored.connector())) return incoming;
        Set<String> secret = secretsOf(incoming.connector());
        if (secret == null) secret = stored.settings().keySet();
        Map<String, String> settings = new LinkedHashMap<>(incoming.settings());
        boolean changed = false;
        for (String name : secret) {
            String old = stored.settings().get(name);
            if (old != null && mask(old).equals(settings.get(name))) {
                settings.put(name, old);
                changed = true;
            }
        }
        return changed ? new PostCallWebhook(incoming.enabled(), incoming.url(), incoming.firingMode(), incoming.connector(), settings,
                incoming.options())
                : incoming;
    }

    /** Whether {@code value} is a mask as answers show it (a value sent back as shown), not a value of its own. */
    public static boolean isMasked(String value) {
        return value.startsWith(HeaderSecrets.ELLIPSIS);
    }

    /** {@code …} and the value's last four letters or digits (none for a short value), never more. */
    static String mask(String value) {
        String alnum = value.replaceAll("[^\\p{L}\\p{N}]", "");
        return alnum.length() < 12 ? "…" : "…" + alnum.substring(alnum.length() - 4);
    }

    /** The connector's secret names; null when it failed to say, which masks every setting (fail closed). */
    private Set<String> secretsOf(String connector) {
        try {
            return secretsOf.apply(connector);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
