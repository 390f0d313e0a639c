package dev.hookline.keys;

import dev.hookline.auth.ApiKeys;
import dev.hookline.auth.ApiKeys.NewKey;
import dev.hookline.http.ApiException;
import dev.hookline.store.KeyStore;
import dev.hookline.store.KeyStore.StoredKey;
import dev.hookline.time.Times;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and businesses: a business creates, lists and revokes its own API keys; the operator adds
 * businesses. A business keeps at least one key (revoking the last one is a 409: nobody could
 * then make a new one) and has at most {@link #MAX_KEYS}. A revoked key stops working at once.
 * Thread-safe.
 */
public final class KeyService {
    static final int MAX_KEYS = 100;
    static final int MAX_NAME = 200;

    private final KeyStore store;
    private final ApiKeys keys;
    private final Clock clock;

    public KeyService(KeyStore store, ApiKeys keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** A new key of {@code businessId}: {@code {id, name, key, created_at}}, the only answer that shows the key. */
    public Map<String, Object> create(String businessId, String name) {
        NewKey k = keys.create(businessId, checkedName(name), MAX_KEYS)
                .orElseThrow(() -> ApiException.unprocessable(null, "a business has at most " + MAX_KEYS + " keys; revoke one first"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", k.id());
        out.put("name", k.name());
        out.put("key", k.key());
        out.put("created_at", Times.iso(k.createdAt()));
        return out;
    }

    /** The business's keys that work, oldest first, each with its prefix and last use, never the key. */
    public Map<String, Object> list(String businessId) {
        List<StoredKey> rows = store.activeKeys(businessId);
        return Map.of("data", rows.stream().map(this::view).toList());
    }

    /** Revokes key {@code id} of {@code businessId}: 404 when it has no such key, 409 when it is the last one. */
    public void revoke(String businessId, String id) {
        StoredKey row = store.activeById(id).filter(k -> k.businessId().equals(businessId))
                .orElseThrow(() -> ApiException.notFound("API key " + id + " not found"));
        switch (store.revoke(businessId, id, clock.millis())) {
            case NOT_FOUND -> throw ApiException.notFound("API key " + id + " not found");
            case LAST_KEY -> throw ApiException.conflict(null, "this is the business's last API key; create another one before revoking it");
            case REVOKED -> keys.forget(row.hash());
        }
    }

    /** The operator adds a business: {@code {business_id, name, api_key}} with its first key, shown only here. */
    public Map<String, Object> createBusiness(String name) {
        NewKey k = keys.newBusiness(checkedName(name));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("business_id", k.businessId());
        out.put("name", name);
        out.put("api_key", k.key());
        return out;
    }

    private Map<String, Object> view(StoredKey r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("prefix", r.prefix());
        m.put("created_at", Times.iso(r.createdAt()));
        m.put("last_used_at", Times.iso(keys.usage().lastUsed(r.id(), r.lastUsedAt())));
        return m;
    }

    private static String checkedName(String name) {
        if (name.length() > MAX_NAME) throw ApiException.invalid("name", "name must be at most " + MAX_NAME + " characters");
        return name;
    }
}
