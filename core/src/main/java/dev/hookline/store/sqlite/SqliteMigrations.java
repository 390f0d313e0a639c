package dev.hookline.store.sqlite;

import dev.hookline.store.Migrations;
import dev.hookline.store.jdbc.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;

/** Applies the {@link Migrations} a SQLite file lacks, in the SQLite dialect ({@code db/sqlite/}). */
final class SqliteMigrations {
    static final String DIALECT = "sqlite";
    private static final SchemaMigrator.Statements STATEMENTS = new SchemaMigrator.Statements(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
            "SELECT version FROM schema_version",
            "INSERT INTO schema_version(version, applied_at) VALUES (?, ?)");

    private SqliteMigrations() {}

    /** Applies, each in its own transaction and in the order listed, the scripts {@code c}'s database has not recorded. */
    static void apply(Connection c) throws SQLException {
        SchemaMigrator.apply(c, DIALECT, STATEMENTS);
    }
}
