package dev.hookline.auth;

import dev.hookline.store.KeyStore;
import dev.hookline.store.KeyStore.StoredKey;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Businesses' API keys: the bootstrap key of the default business, new keys, and look-up of the
 * business a bearer key belongs to. Keys are stored as SHA-256 hashes; a key is found by its
 * prefix and its hash compared in constant time. A verified key is cached by its hash and checked
 * against the store again every {@link #RECHECK_MILLIS} (so a key revoked by another instance on
 * a shared store stops within that); {@link #forget} drops it from the cache at once. No log line
 * carries a key or part of one, except the generated bootstrap key, printed once. Thread-safe.
 */
public final class ApiKeys implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    static final int PREFIX_LENGTH = 10;
    static final long RECHECK_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every request hashes its key: one digest per thread rather than a provider look-up each time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** A key found in the store: its id and business, and when that was last checked (clock ms). */
    private record Verified(String keyId, String businessId, long checkedAt) {}

    /** A key made by {@link #create}: shown in full once. */
    public record NewKey(String id, String businessId, String name, String key, long createdAt) {}

    private final KeyStore store;
    private final Clock clock;
    private final KeyUsage usage;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    /** Bumped by every {@link #forget}: a look-up that raced a revocation does not cache its result. */
    private final AtomicLong revocations = new AtomicLong();

    public ApiKeys(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.usage = new KeyUsage(store);
    }

    /** When each key was last used. */
    public KeyUsage usage() {
        return usage;
    }

    /**
     * Makes sure the default business exists and has its bootstrap key. A configured key becomes
     * the bootstrap key and revokes the one it replaces (a changed {@code HOOKLINE_API_KEY} does not
     * leave the old one working); a configured key that was revoked through the API stays revoked.
     * Without one, a key is generated and printed once when the business has no key. Returns the
     * default business id.
     */
    public String bootstrap(Optional<String> configuredKey) {
        String candidate = UUID.randomUUID().toString();
        String businessId = store.ensureFirstBusiness(candidate, "Default", clock.millis());
        if (businessId.equals(candidate)) log.info("created the default business {}", businessId);
        if (configuredKey.isPresent()) {
            configure(businessId, configuredKey.get());
        } else if (store.countActive(businessId) == 0) {
            String key = newKey();
            store.addKey(stored(businessId, "generated", key, true), Integer.MAX_VALUE);
            log.info("generated the API key of the default business (shown only this once, store it now): {}", key);
        }
        return businessId;
    }

    private void configure(String businessId, String key) {
        long now = clock.millis();
        Optional<StoredKey> known = store.byHash(hash(key));
        if (known.isEmpty()) {
            store.addKey(stored(businessId, "HOOKLINE_API_KEY", key, true), Integer.MAX_VALUE);
            known = store.byHash(hash(key)); // another hub may have stored the same key first
            int replaced = store.makeBootstrap(businessId, known.orElseThrow().id(), now);
            log.info(replaced > 0 ? "HOOKLINE_API_KEY changed: it is now the bootstrap key of the default business; the previous one no longer works"
                    : "stored HOOKLINE_API_KEY as the bootstrap key of the default business");
            return;
        }
        StoredKey row = known.get();
        if (row.revokedAt() != null) {
            log.warn("HOOKLINE_API_KEY was revoked through the API and stays revoked; set a new HOOKLINE_API_KEY or use another key");
        } else if (!row.businessId().equals(businessId)) {
            log.warn("HOOKLINE_API_KEY is a key of business {}, not of the default business; the default business's keys are unchanged",
                    row.businessId());
        } else if (store.makeBootstrap(businessId, row.id(), now) > 0) {
            log.info("HOOKLINE_API_KEY changed: the previous bootstrap key of the default business no longer works");
        }
    }

    /** Creates a business with a fresh key; returns {@code [businessId, key]}. Used by tests and tooling. */
    public String[] createBusiness(String name) {
        NewKey k = newBusiness(name);
        return new String[] {k.businessId(), k.key()};
    }

    /** Creates a business and its first key. */
    public NewKey newBusiness(String name) {
        String id = UUID.randomUUID().toString();
        String key = newKey();
        StoredKey first = stored(id, "initial", key, false);
        store.createBusiness(id, name, clock.millis(), first);
        return new NewKey(first.id(), id, first.name(), key, first.createdAt());
    }

    /** A new key of {@code businessId} named {@code name}; empty when the business has {@code maxActive} keys already. */
    public Optional<NewKey> create(String businessId, String name, int maxActive) {
        String key = newKey();
        StoredKey k = stored(businessId, name, key, false);
        if (!store.addKey(k, maxActive)) return Optional.empty();
        return Optional.of(new NewKey(k.id(), businessId, name, key, k.createdAt()));
    }

    /** The business a presented key belongs to, or empty when the key is unknown or revoked. */
    public Optional<String> businessFor(String presentedKey) {
        if (presentedKey == null || presentedKey.length() < PREFIX_LENGTH) return Optional.empty();
        String hash = hash(presentedKey);
        long now = clock.millis();
        Verified cached = verified.get(hash);
        if (cached != null && now - cached.checkedAt() < RECHECK_MILLIS) {
            usage.used(cached.keyId(), now);
            return Optional.of(cached.businessId());
        }
        long gen = revocations.get();
        Optional<StoredKey> found;
        try {
            found = cached != null ? store.activeById(cached.keyId()) : find(presentedKey, hash);
        } catch (RuntimeException storeTrouble) {
            if (cached == null) throw storeTrouble;
            // a key verified before stays good while the store cannot be read; revocations here still apply
            return Optional.of(cached.businessId());
        }
        if (found.isEmpty()) {
            verified.remove(hash);
            return Optional.empty();
        }
        if (revocations.get() == gen) verified.put(hash, new Verified(found.get().id(), found.get().businessId(), now));
        usage.used(found.get().id(), now);
        return Optional.of(found.get().businessId());
    }

    /**
     * The business a key hash (as {@link #hashOf} gives it) still belongs to, or empty once the key
     * is revoked. Dashboard sessions keep only this hash and re-check it on every request: the
     * cache first (revocation clears it), else the store.
     */
    public Optional<String> businessForHash(String keyHash) {
        if (keyHash == null) return Optional.empty();
        Verified cached = verified.get(keyHash);
        if (cached != null && clock.millis() - cached.checkedAt() < RECHECK_MILLIS) return Optional.of(cached.businessId());
        return store.businessForKeyHash(keyHash);
    }

    /** Drops a revoked key (by its hash) from the cache: it stops working at once on this instance. */
    public void forget(String keyHash) {
        revocations.incrementAndGet();
        verified.remove(keyHash);
    }

    private Optional<StoredKey> find(String key, String hash) {
        byte[] presented = hash.getBytes(StandardCharsets.US_ASCII);
        StoredKey match = null;
        for (StoredKey row : store.activeByPrefix(prefix(key))) {
            if (MessageDigest.isEqual(presented, row.hash().getBytes(StandardCharsets.US_ASCII))) match = row;
        }
        return Optional.ofNullable(match);
    }

    private StoredKey stored(String businessId, String name, String key, boolean bootstrap) {
        return new StoredKey(UUID.randomUUID().toString(), businessId, name, prefix(key), hash(key), bootstrap, clock.millis(), null, null);
    }

    /** The SHA-256 (hex) under which a key is stored: what a session keeps instead of the key. */
    public static String hashOf(String key) {
        return hash(key);
    }

    static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "hk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }

    static String hash(String key) {
        return HexFormat.of().formatHex(SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the last-use times noted so far; call before the store closes. */
    @Override
    public void close() {
        usage.close();
    }
}
