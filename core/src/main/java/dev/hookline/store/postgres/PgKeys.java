package dev.hookline.store.postgres;

import dev.hookline.store.KeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Businesses and API key hashes in PostgreSQL; hubs starting together agree on one default business and store a configured key once. */
final class PgKeys implements KeyStore {
    private static final String KEY_COLUMNS = "id, business_id, name, key_prefix, key_hash, bootstrap, created_at, last_used_at, revoked_at";
    private static final String FIRST_BUSINESS = "SELECT id FROM businesses ORDER BY created_at, id LIMIT 1";
    private static final String INSERT_BUSINESS = "INSERT INTO businesses(id, name, created_at) VALUES (?, ?, ?)";
    private static final String BOOTSTRAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('hookline.bootstrap.' || current_schema()))";
    private static final String BUSINESS_LOCK = "SELECT pg_advisory_xact_lock(hashtext('hookline.keys.' || ?))";
    private static final String INSERT_KEY = "INSERT INTO api_keys(" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL) "
            + "ON CONFLICT (key_hash) DO NOTHING";
    private static final String COUNT_ACTIVE = "SELECT count(*) FROM api_keys WHERE business_id = ? AND revoked_at IS NULL";
    private static final String ACTIVE_BY_PREFIX = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_prefix = ? AND revoked_at IS NULL";
    private static final String ACTIVE_BY_ID = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ? AND revoked_at IS NULL";
    private static final String BY_HASH = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = ?";
    private static final String ACTIVE_KEYS = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE business_id = ? AND revoked_at IS NULL "
            + "ORDER BY created_at, id";
    private static final String FIND_ACTIVE = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ? AND business_id = ? AND revoked_at IS NULL";
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND business_id = ? AND revoked_at IS NULL";
    private static final String MARK_BOOTSTRAP = "UPDATE api_keys SET bootstrap = TRUE WHERE id = ?";
    private static final String REVOKE_OTHER_BOOTSTRAP = "UPDATE api_keys SET revoked_at = ? WHERE business_id = ? AND bootstrap "
            + "AND id <> ? AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";
    private static final String BUSINESS_OF_HASH = "SELECT business_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL";

    private final PgDatabase db;

    PgKeys(PgDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<String> firstBusinessId() {
        return db.read(h -> PgJdbc.first(h, FIRST_BUSINESS, rs -> rs.getString(1)));
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

    @Override
    public void createBusiness(String id, String name, long createdAt, StoredKey firstKey) {
        db.write(h -> {
            PgJdbc.update(h, INSERT_BUSINESS, id, name, createdAt);
            if (firstKey != null) insert(h, firstKey);
            return null;
        });
    }

    /** The business's key changes are serialized (an advisory lock to the commit), so two hubs cannot both add the last allowed key. */
    @Override
    public boolean addKey(StoredKey key, int maxActive) {
        return db.write(h -> {
            PgJdbc.query(h, BUSINESS_LOCK, rs -> null, key.businessId());
            int active = PgJdbc.first(h, COUNT_ACTIVE, rs -> rs.getInt(1), key.businessId()).orElse(0);
            if (active >= maxActive) return false;
            insert(h, key);
            return true;
        });
    }

    private static void insert(Handle h, StoredKey k) {
        PgJdbc.update(h, INSERT_KEY, k.id(), k.businessId(), k.name(), k.prefix(), k.hash(), k.bootstrap(), k.createdAt());
    }

    @Override
    public List<StoredKey> activeByPrefix(String prefix) {
        return db.read(h -> PgJdbc.query(h, ACTIVE_BY_PREFIX, PgKeys::row, prefix));
    }

    @Override
    public Optional<StoredKey> activeById(String id) {
        return db.read(h -> PgJdbc.first(h, ACTIVE_BY_ID, PgKeys::row, id));
    }

    @Override
    public Optional<StoredKey> byHash(String hash) {
        return db.read(h -> PgJdbc.first(h, BY_HASH, PgKeys::row, hash));
    }

    @Override
    public List<StoredKey> activeKeys(String businessId) {
        return db.read(h -> PgJdbc.query(h, ACTIVE_KEYS, PgKeys::row, businessId));
    }

    @Override
    public int countActive(String businessId) {
        return db.read(h -> PgJdbc.first(h, COUNT_ACTIVE, rs -> rs.getInt(1), businessId).orElse(0));
    }

    @Override
    public Revoked revoke(String businessId, String id, long at) {
        return db.write(h -> {
            PgJdbc.query(h, BUSINESS_LOCK, rs -> null, businessId);
            if (PgJdbc.first(h, FIND_ACTIVE, PgKeys::row, id, businessId).isEmpty()) return Revoked.NOT_FOUND;
            if (PgJdbc.first(h, COUNT_ACTIVE, rs -> rs.getInt(1), businessId).orElse(0) <= 1) return Revoked.LAST_KEY;
            PgJdbc.update(h, REVOKE, at, id, businessId);
            return Revoked.REVOKED;
        });
    }

    @Override
    public int makeBootstrap(String businessId, String id, long at) {
        return db.write(h -> {
            PgJdbc.update(h, MARK_BOOTSTRAP, id);
            return PgJdbc.update(h, REVOKE_OTHER_BOOTSTRAP, at, businessId, id);
        });
    }

    @Override
    public void touch(Map<String, Long> lastUsed) {
        if (lastUsed.isEmpty()) return;
        db.write(h -> {
            lastUsed.forEach((id, at) -> PgJdbc.update(h, TOUCH, at, id, at));
            return null;
        });
    }

    @Override
    public Optional<String> businessForKeyHash(String hash) {
        return db.read(h -> PgJdbc.first(h, BUSINESS_OF_HASH, rs -> rs.getString(1), hash));
    }

    private static StoredKey row(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                rs.getLong(7), PgJdbc.nullableLong(rs, 8), PgJdbc.nullableLong(rs, 9));
    }
}
