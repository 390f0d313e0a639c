package dev.hookline.store.sqlite;

import dev.hookline.store.KeyStore;
import java.util.List;
import java.util.Optional;

/** Businesses and API key hashes in SQLite. */
final class SqliteKeys implements KeyStore {
    private static final String FIRST_BUSINESS = "SELECT id FROM businesses ORDER BY created_at, id LIMIT 1";
    private static final String INSERT_BUSINESS = "INSERT INTO businesses(id, name, created_at) VALUES (?, ?, ?)";
    private static final String INSERT_KEY = "INSERT INTO api_keys(id, business_id, key_prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String COUNT_KEYS = "SELECT count(*) FROM api_keys WHERE business_id = ?";
    private static final String BUSINESS_OF_HASH = "SELECT business_id FROM api_keys WHERE key_hash = ?";
    private static final String KEYS_BY_PREFIX = "SELECT id, business_id, key_prefix, key_hash FROM api_keys WHERE key_prefix = ?";

    private final Database db;

    SqliteKeys(Database db) {
        this.db = db;
    }

    @Override
    public Optional<String> firstBusinessId() {
        return db.read(h -> Jdbc.first(h, FIRST_BUSINESS, rs -> rs.getString(1)));
    }

    @Override
    public void createBusiness(String id, String name, long createdAt) {
        db.write(h -> Jdbc.update(h, INSERT_BUSINESS, id, name, createdAt));
    }

    @Override
    public void addKey(String id, String businessId, String prefix, String hash, long createdAt) {
        db.write(h -> Jdbc.update(h, INSERT_KEY, id, businessId, prefix, hash, createdAt));
    }

    @Override
    public int countKeys(String businessId) {
        return db.read(h -> Jdbc.first(h, COUNT_KEYS, rs -> rs.getInt(1), businessId).orElse(0));
    }

    @Override
    public List<StoredKey> keysByPrefix(String prefix) {
        return db.read(h -> Jdbc.query(h, KEYS_BY_PREFIX, rs -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), prefix));
    }

    @Override
    public Optional<String> businessForKeyHash(String hash) {
        return db.read(h -> Jdbc.first(h, BUSINESS_OF_HASH, rs -> rs.getString(1), hash));
    }
}
