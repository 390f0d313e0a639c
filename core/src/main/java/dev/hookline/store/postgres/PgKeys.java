package dev.hookline.store.postgres;

import dev.hookline.store.KeyStore;
import java.util.List;
import java.util.Optional;

/** Businesses and API key hashes in PostgreSQL; hubs starting together agree on one default business and store a configured key once. */
final class PgKeys implements KeyStore {
    private static final String FIRST_BUSINESS = "SELECT id FROM businesses ORDER BY created_at, id LIMIT 1";
    private static final String INSERT_BUSINESS = "INSERT INTO businesses(id, name, created_at) VALUES (?, ?, ?)";
    private static final String BOOTSTRAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('hookline.bootstrap.' || current_schema()))";
    private static final String INSERT_KEY = "INSERT INTO api_keys(id, business_id, key_prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (key_hash) DO NOTHING";
    private static final String COUNT_KEYS = "SELECT count(*) FROM api_keys WHERE business_id = ?";
    private static final String BUSINESS_OF_HASH = "SELECT business_id FROM api_keys WHERE key_hash = ?";
    private static final String KEYS_BY_PREFIX = "SELECT id, business_id, key_prefix, key_hash FROM api_keys WHERE key_prefix = ?";

    private final PgDatabase db;

    PgKeys(PgDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<String> firstBusinessId() {
        return db.read(h -> PgJdbc.first(h, FIRST_BUSINESS, rs -> rs.getString(1)));
    }

    @Override
    public void createBusiness(String id, String name, long createdAt) {
        db.write(h -> PgJdbc.update(h, INSERT_BUSINESS, id, name, createdAt));
    }

    @Override
    public String ensureFirstBusiness(String id, String name, long createdAt) {
        return db.write(h -> {
            PgJdbc.query(h, BOOTSTRAP_LOCK, rs -> null); // held to the commit: the other hubs' bootstrap waits and finds this one's
            Optional<String> first = PgJdbc.first(h, FIRST_BUSINESS, rs -> rs.getString(1));
            if (first.isPresent()) return first.get();
            PgJdbc.update(h, INSERT_BUSINESS, id, name, createdAt);
            return id;
        });
    }

    /** A key whose hash is stored already (another hub stored the same configured key) is left as it is. */
    @Override
    public void addKey(String id, String businessId, String prefix, String hash, long createdAt) {
        db.write(h -> PgJdbc.update(h, INSERT_KEY, id, businessId, prefix, hash, createdAt));
    }

    @Override
    public int countKeys(String businessId) {
        return db.read(h -> PgJdbc.first(h, COUNT_KEYS, rs -> rs.getInt(1), businessId).orElse(0));
    }

    @Override
    public List<StoredKey> keysByPrefix(String prefix) {
        return db.read(h -> PgJdbc.query(h, KEYS_BY_PREFIX, rs -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), prefix));
    }

    @Override
    public Optional<String> businessForKeyHash(String hash) {
        return db.read(h -> PgJdbc.first(h, BUSINESS_OF_HASH, rs -> rs.getString(1), hash));
    }
}
