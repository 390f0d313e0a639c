package dev.hookline.store.jdbc;

import dev.hookline.store.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link Migrations} a database lacks, in a dialect's scripts ({@code db/<dialect>/}) and statements. */
public final class SchemaMigrator {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Creates the version table if absent; reads the versions applied; records one (version, applied_at). */
    public record Statements(String createVersionTable, String appliedVersions, String recordVersion) {}

    private SchemaMigrator() {}

    /** Applies, each in its own transaction and in the order listed, the scripts {@code c}'s database has not recorded. */
    public static void apply(Connection c, String dialect, Statements sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql.createVersionTable());
            Set<Integer> applied = new HashSet<>();
            try (ResultSet rs = s.executeQuery(sql.appliedVersions())) {
                while (rs.next()) applied.add(rs.getInt(1));
            }
            for (String name : Migrations.NAMES) {
                int v = Migrations.version(name);
                if (applied.contains(v)) continue;
                c.setAutoCommit(false);
                try {
                    for (String stmt : Migrations.split(Migrations.script(dialect, name))) s.executeUpdate(stmt);
                    record(c, sql, v);
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

    private static void record(Connection c, Statements sql, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.recordVersion())) {
            p.setInt(1, version);
            p.setLong(2, System.currentTimeMillis());
            p.executeUpdate();
        }
    }
}
