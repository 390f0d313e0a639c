package dev.hookline.store.postgres;

import dev.hookline.store.Migrations;
import dev.hookline.store.StoreException;
import dev.hookline.store.jdbc.SchemaMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Applies the {@link Migrations} a PostgreSQL schema lacks ({@code db/postgres/}), each in its own
 * transaction, under an advisory lock: hubs starting together on one database take turns, and
 * each one after the first finds the schema already up to date.
 */
final class PgMigrations {
    static final String DIALECT = "postgres";
    private static final SchemaMigrator.Statements STATEMENTS = new SchemaMigrator.Statements(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
            "SELECT version FROM schema_version",
            "INSERT INTO schema_version(version, applied_at) VALUES (?, ?)");

    private PgMigrations() {}

    /** Brings the schema {@code c} works in up to date; returns that schema's name. */
    static String apply(Connection c) throws SQLException {
        c.setAutoCommit(true);
        String schema;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            schema = rs.next() ? rs.getString(1) : null;
        }
        if (schema == null) {
            throw new StoreException("the database user has no schema to work in: create it, or name an existing one with currentSchema=", null);
        }
        String lock = "hookline.migrations." + schema;
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            p.setString(1, lock);
            p.execute();
        }
        try {
            SchemaMigrator.apply(c, DIALECT, STATEMENTS);
        } finally {
            try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                p.setString(1, lock);
                p.execute();
            }
        }
        return schema;
    }
}
