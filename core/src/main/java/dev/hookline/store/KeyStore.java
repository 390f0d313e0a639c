package dev.hookline.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Businesses and their API keys. Keys are stored as SHA-256 hashes (hex) with their first
 * characters for look-up; a revoked key is kept, marked, so a bootstrap key revoked through the
 * API stays revoked. Every operation on a key an API caller names is scoped by business.
 */
public interface KeyStore {

    /** A stored key; {@code lastUsedAt} and {@code revokedAt} are null until they happen. */
    record StoredKey(String id, String businessId, String name, String prefix, String hash, boolean bootstrap, long createdAt,
                     Long lastUsedAt, Long revokedAt) {}

    /** The oldest business, if any. */
    Optional<String> firstBusinessId();

    /** The oldest business, created as {@code id} when there is none yet; hubs starting together on a shared store agree on one. */
    String ensureFirstBusiness(String id, String name, long createdAt);

    /** Creates a business with its first key, in one transaction. */
    void createBusiness(String id, String name, long createdAt, StoredKey firstKey);

    /**
     * Adds a key unless its business already has {@code maxActive} working keys (false then). A key
     * whose hash is stored already (another hub stored the same configured key) is left as it is.
     */
    boolean addKey(StoredKey key, int maxActive);

    List<StoredKey> activeByPrefix(String prefix);

    Optional<StoredKey> activeById(String id);

    /** Any key with this hash, revoked or not. */
    Optional<StoredKey> byHash(String hash);

    /** The business's working keys, oldest first. */
    List<StoredKey> activeKeys(String businessId);

    int countActive(String businessId);

    /** How a revocation went. */
    enum Revoked { REVOKED, NOT_FOUND, LAST_KEY }

    /** Revokes a working key of the business at {@code at}, unless it is the business's last one. */
    Revoked revoke(String businessId, String id, long at);

    /** Makes key {@code id} the bootstrap key and revokes the business's other bootstrap keys; returns how many were revoked. */
    int makeBootstrap(String businessId, String id, long at);

    /** Stores when keys were last used (by id, epoch ms), in one write; a later time already stored wins. */
    void touch(Map<String, Long> lastUsed);

    /** The business of a working key's hash, or empty once the key is revoked or gone. */
    Optional<String> businessForKeyHash(String hash);
}
