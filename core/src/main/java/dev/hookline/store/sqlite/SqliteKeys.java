package dev.hookline.store.sqlite;

import dev.hookline.store.jdbc.JdbcKeys;

/** Businesses and API key hashes in SQLite: one writer, so key changes need no lock. */
final class SqliteKeys extends JdbcKeys {
    SqliteKeys(Database db) {
        super(db, Jdbc.RUN);
    }
}
