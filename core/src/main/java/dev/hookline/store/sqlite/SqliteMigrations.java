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

    /** Applies, each in its own transaction and in the order listed, the scripts {@code c}'s database has not recorded. */
    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            java.util.Set<Integer> applied = new java.util.HashSet<>();
            try (var rs = s.executeQuery("SELECT version FROM schema_version")) {
                while (rs.next()) applied.add(rs.getInt(1));
            }
            for (String name : Migrations.NAMES) {
                int v = Migrations.version(name);
                if (applied.contains(v)) continue;
                c.setAutoCommit(false);
                try {
                    for (String stmt : Migrations.split(Migrations.script(DIALECT, name))) s.executeUpdate(stmt);
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
