package dev.hookline.store.sqlite;

import dev.hookline.store.jdbc.JdbcKeys;

/** Businesses and API key hashes in SQLite: one writer, so key changes need no lock. */
final class SqliteKeys extends JdbcKeys {
    private static final String KEY_COLUMNS = "id, business_id, name, key_prefix, key_hash, bootstrap, created_at, last_used_at, revoked_at";
    private static final String FIRST_BUSINESS = "SELECT id FROM businesses ORDER BY created_at, id LIMIT 1";
    private static final String INSERT_BUSINESS = "INSERT INTO businesses(id, name, created_at) VALUES (?, ?, ?)";
    private static final String INSERT_KEY = "INSERT INTO api_keys(" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL) "
            + "ON CONFLICT(key_hash) DO NOTHING";
    private static final String COUNT_ACTIVE = "SELECT count(*) FROM api_keys WHERE business_id = ? AND revoked_at IS NULL";
    private static final String ACTIVE_BY_PREFIX = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_prefix = ? AND revoked_at IS NULL";
    private static final String ACTIVE_BY_ID = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ? AND revoked_at IS NULL";
    private static final String BY_HASH = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = ?";
    private static final String ACTIVE_KEYS = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE business_id = ? AND revoked_at IS NULL "
            + "ORDER BY created_at, id";
    private static final String FIND_ACTIVE = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ? AND business_id = ? AND revoked_at IS NULL";
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND business_id = ? AND revoked_at IS NULL";
    private static final String MARK_BOOTSTRAP = "UPDATE api_keys SET bootstrap = 1 WHERE id = ?";
    private static final String REVOKE_OTHER_BOOTSTRAP = "UPDATE api_keys SET revoked_at = ? WHERE business_id = ? AND bootstrap = 1 "
            + "AND id <> ? AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";
    private static final String BUSINESS_OF_HASH = "SELECT business_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL";

    private static final Statements STATEMENTS = new Statements(FIRST_BUSINESS, INSERT_BUSINESS, INSERT_KEY, COUNT_ACTIVE, ACTIVE_BY_PREFIX,
            ACTIVE_BY_ID, BY_HASH, ACTIVE_KEYS, FIND_ACTIVE, REVOKE, MARK_BOOTSTRAP, REVOKE_OTHER_BOOTSTRAP, TOUCH, BUSINESS_OF_HASH);

    SqliteKeys(Database db) {
        super(db, Jdbc.RUN, STATEMENTS);
    }
}
