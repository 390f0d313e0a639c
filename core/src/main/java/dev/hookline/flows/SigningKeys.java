package dev.hookline.flows;

import dev.hookline.http.ApiException;
import dev.hookline.store.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets a flow signs with, and their rotation. After a rotation the new secret signs every
 * request first and the one it replaced signs too for {@link #PREVIOUS_VALID}, so receivers can
 * switch at their pace (Standard Webhooks: space-separated signatures). Post-call attempts (retries
 * of deliveries made before the rotation included) and in-call requests ask here at send time.
 * Kept in memory per flow and read again after {@link #RECHECK_MILLIS}, so a rotation made by
 * another instance on a shared store is picked up within that. Thread-safe.
 */
public final class SigningKeys {
    public static final Duration PREVIOUS_VALID = Duration.ofHours(24);
    static final long RECHECK_MILLIS = 30_000;
    private static final int CACHED = 10_000;

    /** A rotation's outcome: the new secret (shown only in this answer) and when the previous one stops signing. */
    public record Rotation(String signingSecret, long previousExpiresAt) {}

    /** A flow's secrets as read at {@code readAt} (clock ms); empty when the flow does not exist. */
    private record Entry(Optional<FlowStore.Secrets> secrets, long readAt) {}

    private final FlowStore store;
    private final FlowService flows;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public SigningKeys(FlowStore store, FlowService flows, Clock clock) {
        this.store = store;
        this.flows = flows;
        this.clock = clock;
    }

    /**
     * The secrets flow {@code flowId} of {@code businessId} signs with now, current first; just
     * {@code fallback} (when given) for a flow that no longer exists.
     */
    public List<String> current(String businessId, String flowId, String fallback) {
        String key = businessId + "|" + flowId;
        long now = clock.millis();
        Entry e = cache.get(key);
        if (e == null || now - e.readAt() >= RECHECK_MILLIS) {
            e = new Entry(store.secrets(businessId, flowId), now);
            if (cache.size() >= CACHED) cache.clear();
            cache.put(key, e);
        }
        if (e.secrets().isEmpty()) return fallback == null ? List.of() : List.of(fallback);
        FlowStore.Secrets s = e.secrets().get();
        if (s.previousSecret() != null && s.previousSecretExpiresAt() != null && s.previousSecretExpiresAt() > now) {
            return List.of(s.signingSecret(), s.previousSecret());
        }
        return List.of(s.signingSecret());
    }

    /** Gives the flow a new secret; the current one keeps signing for {@link #PREVIOUS_VALID}. 404 for another business's flow. */
    public Rotation rotate(String businessId, String flowId) {
        String secret = FlowService.newSecret();
        long now = clock.millis();
        long expires = now + PREVIOUS_VALID.toMillis();
        boolean changed = store.rotate(businessId, flowId, secret, expires, now);
        cache.remove(businessId + "|" + flowId);
        if (!changed) throw ApiException.notFound("call flow " + flowId + " not found");
        flows.forgetCached();
        return new Rotation(secret, expires);
    }
}
