package dev.hookline.store.sqlite;

import dev.hookline.store.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link Migrations} a SQLite file lacks, in the SQLite dialect ({@code db/sqlite/}). */
final class SqliteMigrations {
    private static final Logger log = LoggerFactory.getLogger(SqliteMigrations.class);
    static final String DIALECT = "sqlite";

    private SqliteMigrations() {}

    /** Applies, each in its own transaction, the scripts after the version {@code c}'s database is at. */
    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            int current;
            try (var rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            for (int v = current + 1; v <= Migrations.latest(); v++) {
                c.setAutoCommit(false);
                try {
                    for (String stmt : Migrations.split(Migrations.script(DIALECT, v))) s.executeUpdate(stmt);
                    s.executeUpdate("INSERT INTO schema_version(version, applied_at) VALUES (" + v + ", " + System.currentTimeMillis() + ")");
                    c.commit();
                    log.info("store schema migrated to version {}", v);
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException("migration " + v + " failed: " + e.getMessage(), e);
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
