package dev.hookline.auth;

import dev.hookline.store.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Businesses' API keys: creation, the bootstrap key of the default business, and look-up of the
 * business a bearer key belongs to. Keys are stored as SHA-256 hashes; a key is found by its
 * prefix and its hash compared in constant time. Thread-safe.
 */
public final class ApiKeys {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final int PREFIX_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every request hashes its key: one digest per thread rather than a provider look-up each time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final KeyStore store;
    private final Clock clock;
    /** Keys already verified, by their hash: a request then costs one SHA-256 and no query. */
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();

    public ApiKeys(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Makes sure the default business exists and has a key: {@code configuredKey} when given
     * (added if new), else a generated one, logged once, when the business has none yet.
     * Returns the default business id.
     */
    public String bootstrap(Optional<String> configuredKey) {
        String candidate = UUID.randomUUID().toString();
        String businessId = store.ensureFirstBusiness(candidate, "Default", clock.millis());
        if (businessId.equals(candidate)) log.info("created the default business {}", businessId);
        if (configuredKey.isPresent()) {
            String key = configuredKey.get();
            if (find(key).isEmpty()) {
                insert(businessId, key);
                log.info("stored HOOKLINE_API_KEY as a key of the default business");
            }
        } else if (store.countKeys(businessId) == 0) {
            String key = newKey();
            insert(businessId, key);
            log.info("generated the API key of the default business (shown only this once, store it now): {}", key);
        }
        return businessId;
    }

    /** Creates a business with a fresh key; returns {@code [businessId, key]}. Used by tests and tooling. */
    public String[] createBusiness(String name) {
        String key = newKey();
        String id = UUID.randomUUID().toString();
        store.createBusiness(id, name, clock.millis());
        insert(id, key);
        return new String[] {id, key};
    }

    /** The business a presented key belongs to, or empty when the key is unknown. */
    public Optional<String> businessFor(String presentedKey) {
        if (presentedKey == null || presentedKey.length() < PREFIX_LENGTH) return Optional.empty();
        String hash = hash(presentedKey);
        String cached = verified.get(hash);
        if (cached != null) return Optional.of(cached);
        Optional<String> found = find(presentedKey);
        found.ifPresent(b -> verified.put(hash, b));
        return found;
    }

    /**
     * The business a key hash (as {@link #hashOf} gives it) still belongs to, or empty once the key
     * is gone. Dashboard sessions keep only this hash and re-check it on every request, so a revoked
     * key ends them: the cache first (revocation clears it), else the store. A store answer is not
     * cached here, so a look-up racing a revocation cannot put the key back.
     */
    public Optional<String> businessForHash(String keyHash) {
        if (keyHash == null) return Optional.empty();
        String cached = verified.get(keyHash);
        if (cached != null) return Optional.of(cached);
        return store.businessForKeyHash(keyHash);
    }

    /** The SHA-256 (hex) under which a key is stored: what a session keeps instead of the key. */
    public static String hashOf(String key) {
        return hash(key);
    }

    private Optional<String> find(String key) {
        byte[] presented = hash(key).getBytes(StandardCharsets.US_ASCII);
        String businessId = null;
        for (KeyStore.StoredKey row : store.keysByPrefix(prefix(key))) {
            if (MessageDigest.isEqual(presented, row.hash().getBytes(StandardCharsets.US_ASCII))) {
                businessId = row.businessId();
            }
        }
        return Optional.ofNullable(businessId);
    }

    private void insert(String businessId, String key) {
        store.addKey(UUID.randomUUID().toString(), businessId, prefix(key), hash(key), clock.millis());
    }

    static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "hk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }

    static String hash(String key) {
        return HexFormat.of().formatHex(SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
