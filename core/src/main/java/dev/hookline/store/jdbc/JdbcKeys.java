package dev.hookline.store.jdbc;

import dev.hookline.store.KeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Businesses and API key hashes, in the statements of a dialect. A dialect whose hubs share the
 * database serializes bootstrap and a business's key changes ({@link #lockBootstrap}, {@link #lockBusiness}).
 */
public class JdbcKeys implements KeyStore {
    /** The dialect's statements; key rows are read in the columns of {@link #row}. */
    public record Statements(String firstBusiness, String insertBusiness, String insertKey, String countActive, String activeByPrefix,
                             String activeById, String byHash, String activeKeys, String findActive, String revoke, String markBootstrap,
                             String revokeOtherBootstrap, String touch, String businessOfHash) {}

    private final Transactions db;
    protected final JdbcRunner jdbc;
    private final Statements sql;

    protected JdbcKeys(Transactions db, JdbcRunner jdbc, Statements sql) {
        this.db = db;
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** Held to the commit where hubs share the database: the other hubs' bootstrap waits and finds this one's business. */
    protected void lockBootstrap(Handle h) {}

    /** Held to the commit where hubs share the database: two hubs cannot both add the last allowed key. */
    protected void lockBusiness(Handle h, String businessId) {}

    @Override
    public Optional<String> firstBusinessId() {
        return db.read(h -> jdbc.first(h, sql.firstBusiness(), rs -> rs.getString(1)));
    }

    @Override
    public String ensureFirstBusiness(String id, String name, long createdAt) {
        return db.write(h -> {
            lockBootstrap(h);
            return jdbc.first(h, sql.firstBusiness(), rs -> rs.getString(1)).orElseGet(() -> {
                jdbc.update(h, sql.insertBusiness(), id, name, createdAt);
                return id;
            });
        });
    }

    @Override
    public void createBusiness(String id, String name, long createdAt, StoredKey firstKey) {
        db.write(h -> {
            jdbc.update(h, sql.insertBusiness(), id, name, createdAt);
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
        jdbc.update(h, sql.insertKey(), k.id(), k.businessId(), k.name(), k.prefix(), k.hash(), k.bootstrap(), k.createdAt());
    }

    private int active(Handle h, String businessId) {
        return jdbc.first(h, sql.countActive(), rs -> rs.getInt(1), businessId).orElse(0);
    }

    @Override
    public List<StoredKey> activeByPrefix(String prefix) {
        return db.read(h -> jdbc.query(h, sql.activeByPrefix(), JdbcKeys::row, prefix));
    }

    @Override
    public Optional<StoredKey> activeById(String id) {
        return db.read(h -> jdbc.first(h, sql.activeById(), JdbcKeys::row, id));
    }

    @Override
    public Optional<StoredKey> byHash(String hash) {
        return db.read(h -> jdbc.first(h, sql.byHash(), JdbcKeys::row, hash));
    }

    @Override
    public List<StoredKey> activeKeys(String businessId) {
        return db.read(h -> jdbc.query(h, sql.activeKeys(), JdbcKeys::row, businessId));
    }

    @Override
    public int countActive(String businessId) {
        return db.read(h -> active(h, businessId));
    }

    @Override
    public Revoked revoke(String businessId, String id, long at) {
        return db.write(h -> {
            lockBusiness(h, businessId);
            if (jdbc.first(h, sql.findActive(), JdbcKeys::row, id, businessId).isEmpty()) return Revoked.NOT_FOUND;
            if (active(h, businessId) <= 1) return Revoked.LAST_KEY;
            jdbc.update(h, sql.revoke(), at, id, businessId);
            return Revoked.REVOKED;
        });
    }

    @Override
    public int makeBootstrap(String businessId, String id, long at) {
        return db.write(h -> {
            jdbc.update(h, sql.markBootstrap(), id);
            return jdbc.update(h, sql.revokeOtherBootstrap(), at, businessId, id);
        });
    }

    @Override
    public void touch(Map<String, Long> lastUsed) {
        if (lastUsed.isEmpty()) return;
        db.write(h -> {
            lastUsed.forEach((id, at) -> jdbc.update(h, sql.touch(), at, id, at));
            return null;
        });
    }

    @Override
    public Optional<String> businessForKeyHash(String hash) {
        return db.read(h -> jdbc.first(h, sql.businessOfHash(), rs -> rs.getString(1), hash));
    }

    /** A row of id, business_id, name, key_prefix, key_hash, bootstrap, created_at, last_used_at, revoked_at. */
    private static StoredKey row(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                rs.getLong(7), JdbcRunner.nullableLong(rs, 8), JdbcRunner.nullableLong(rs, 9));
    }
}
