package dev.hookline.store;

import java.util.List;
import java.util.Optional;

/** Businesses and their API keys; keys are stored as hashes only. */
public interface KeyStore {

    /** A stored key: its id, business, first characters (for look-up) and SHA-256 hash (hex). */
    record StoredKey(String id, String businessId, String prefix, String hash) {}

    /** The oldest business, if any. */
    Optional<String> firstBusinessId();

    void createBusiness(String id, String name, long createdAt);

    /** The oldest business, created as {@code id} when there is none yet; hubs starting together on a shared store agree on one. */
    default String ensureFirstBusiness(String id, String name, long createdAt) {
        return firstBusinessId().orElseGet(() -> {
            createBusiness(id, name, createdAt);
            return id;
        });
    }

    void addKey(String id, String businessId, String prefix, String hash, long createdAt);

    int countKeys(String businessId);

    List<StoredKey> keysByPrefix(String prefix);

    /** The business of a stored key hash, or empty once the key is gone. */
    Optional<String> businessForKeyHash(String hash);
}
