package dev.hookline.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Direct SQL on a hub's SQLite file, for tests that look at or damage what is stored (WAL lets it
 * run beside the hub); under {@link OnPostgres}, on the test's PostgreSQL schema instead.
 */
public final class StoreFile {
    private StoreFile() {}

    /** The first column of the first row, as text (null when no row). */
    public static String query(Path dataDir, String sql) {
        try (Connection c = open(dataDir); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int execute(Path dataDir, String sql) {
        try (Connection c = open(dataDir); Statement s = c.createStatement()) {
            if (OnPostgres.currentUrl() == null) s.execute("PRAGMA busy_timeout=10000");
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection open(Path dataDir) throws SQLException {
        String pg = OnPostgres.currentUrl(); // postgresql://user@host:port/db?currentSchema=s
        if (pg == null) return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hookline.db"));
        String rest = pg.substring("postgresql://".length());
        int at = rest.indexOf('@');
        return DriverManager.getConnection("jdbc:postgresql://" + rest.substring(at + 1), rest.substring(0, at), "");
    }
}
