package dev.hookline.store.jdbc;

import dev.hookline.store.KeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Businesses and API key hashes, in statements both dialects run. A dialect whose hubs share the
 * database serializes bootstrap and a business's key changes ({@link #lockBootstrap}, {@link #lockBusiness}).
 */
public class JdbcKeys implements KeyStore {
    // statements both dialects run as written; key rows are read in the columns of row()
    private static final String KEY_COLUMNS = "id, business_id, name, key_prefix, key_hash, bootstrap, created_at, last_used_at, revoked_at";
    private static final String FIRST_BUSINESS = "SELECT id FROM businesses ORDER BY created_at, id LIMIT 1";
    private static final String INSERT_BUSINESS = "INSERT INTO businesses(id, name, created_at) VALUES (?, ?, ?)";
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
    private static final String REVOKE_OTHER_BOOTSTRAP = "UPDATE api_keys SET revoked_at = ? WHERE business_id = ? AND bootstrap = TRUE "
            + "AND id <> ? AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";
    private static final String BUSINESS_OF_HASH = "SELECT business_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL";


    private final Transactions db;
    protected final JdbcRunner jdbc;

    protected JdbcKeys(Transactions db, JdbcRunner jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    /** Held to the commit where hubs share the database: the other hubs' bootstrap waits and finds this one's business. */
    protected void lockBootstrap(Handle h) {}

    /** Held to the commit where hubs share the database: two hubs cannot both add the last allowed key. */
    protected void lockBusiness(Handle h, String businessId) {}

    @Override
    public Optional<String> firstBusinessId() {
        return db.read(h -> jdbc.first(h, FIRST_BUSINESS, rs -> rs.getString(1)));
    }

    @Override
    public String ensureFirstBusiness(String id, String name, long createdAt) {
        return db.write(h -> {
            lockBootstrap(h);
            return jdbc.first(h, FIRST_BUSINESS, rs -> rs.getString(1)).orElseGet(() -> {
                jdbc.update(h, INSERT_BUSINESS, id, name, createdAt);
                return id;
            });
        });
    }

    @Override
    public void createBusiness(String id, String name, long createdAt, StoredKey firstKey) {
        db.write(h -> {
            jdbc.update(h, INSERT_BUSINESS, id, name, createdAt);
            if (firstKey != null) insert(h, firstKey);
            return null;
        });
    }

    @Override
    public boolean addKey(StoredKey key, int maxActive) {
        return db.write(h -> {
            lockBusiness(h, key.businessId());
            if (active(h, key.businessId()) >= maxActive) return false;
            insert(h, key);
            return true;
        });
    }

    private void insert(Handle h, StoredKey k) {
        jdbc.update(h, INSERT_KEY, k.id(), k.businessId(), k.name(), k.prefix(), k.hash(), k.bootstrap(), k.createdAt());
    }

    private int active(Handle h, String businessId) {
        return jdbc.first(h, COUNT_ACTIVE, rs -> rs.getInt(1), businessId).orElse(0);
    }

    @Override
    public List<StoredKey> activeByPrefix(String prefix) {
        return db.read(h -> jdbc.query(h, ACTIVE_BY_PREFIX, JdbcKeys::row, prefix));
    }

    @Override
    public Optional<StoredKey> activeById(String id) {
        return db.read(h -> jdbc.first(h, ACTIVE_BY_ID, JdbcKeys::row, id));
    }

    @Override
    public Optional<StoredKey> byHash(String hash) {
        return db.read(h -> jdbc.first(h, BY_HASH, JdbcKeys::row, hash));
    }

    @Override
    public List<StoredKey> activeKeys(String businessId) {
        return db.read(h -> jdbc.query(h, ACTIVE_KEYS, JdbcKeys::row, businessId));
    }

    @Override
    public int countActive(String businessId) {
        return db.read(h -> active(h, businessId));
    }

    @Override
    public Revoked revoke(String businessId, String id, long at) {
        return db.write(h -> {
            lockBusiness(h, businessId);
            if (jdbc.first(h, FIND_ACTIVE, JdbcKeys::row, id, businessId).isEmpty()) return Revoked.NOT_FOUND;
            if (active(h, businessId) <= 1) return Revoked.LAST_KEY;
            jdbc.update(h, REVOKE, at, id, businessId);
            return Revoked.REVOKED;
        });
    }

    @Override
    public int makeBootstrap(String businessId, String id, long at) {
        return db.write(h -> {
            jdbc.update(h, MARK_BOOTSTRAP, id);
            return jdbc.update(h, REVOKE_OTHER_BOOTSTRAP, at, businessId, id);
        });
    }

    @Override
    public void touch(Map<String, Long> lastUsed) {
        if (lastUsed.isEmpty()) return;
        db.write(h -> {
            lastUsed.forEach((id, at) -> jdbc.update(h, TOUCH, at, id, at));
            return null;
        });
    }

    @Override
    public Optional<String> businessForKeyHash(String hash) {
        return db.read(h -> jdbc.first(h, BUSINESS_OF_HASH, rs -> rs.getString(1), hash));
    }

    /** A row of id, business_id, name, key_prefix, key_hash, bootstrap, created_at, last_used_at, revoked_at. */
    private static StoredKey row(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                rs.getLong(7), JdbcRunner.nullableLong(rs, 8), JdbcRunner.nullableLong(rs, 9));
    }
}
