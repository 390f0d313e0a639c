package dev.hookline.store.sqlite;

import dev.hookline.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered schema scripts, in order, and applying the ones a database lacks (by the number in
 * each file's name, so numbers given out to work in progress may be missing for a while). A schema
 * change is a new file and a new line here.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    static final List<String> NAMES = List.of(
            "V1__init.sql",
            "V2__due_index_with_host.sql",
            "V3__due_index_by_host.sql",
            "V8__calls_by_age.sql");

    private Migrations() {}

    /** Applies, each in its own transaction, the scripts after the version {@code c}'s database is at. */
    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            Set<Integer> applied = new HashSet<>();
            try (var rs = s.executeQuery("SELECT version FROM schema_version")) {
                while (rs.next()) applied.add(rs.getInt(1));
            }
            for (String name : NAMES) {
                int v = version(name);
                if (applied.contains(v)) continue;
                c.setAutoCommit(false);
                try {
                    for (String stmt : split(script(v))) s.executeUpdate(stmt);
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

    /** The highest version listed. */
    static int latest() {
        return NAMES.stream().mapToInt(Migrations::version).max().orElse(0);
    }

    private static int version(String name) {
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    static String script(int version) {
        String name = NAMES.stream().filter(n -> version(n) == version).findFirst()
                .orElseThrow(() -> new StoreException("no migration " + version + " is listed", null));
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) throw new StoreException("migration " + name + " is listed but missing", null);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + name, e);
        }
    }

    /** Splits a script on the semicolons that end statements; our scripts hold no triggers or string semicolons. */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) continue;
            int comment = line.indexOf("--");
            cur.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            if (trimmed.endsWith(";") || (comment >= 0 && line.substring(0, comment).strip().endsWith(";"))) {
                String stmt = cur.toString().strip();
                stmt = stmt.substring(0, stmt.length() - 1).strip();
                if (!stmt.isEmpty()) out.add(stmt);
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }
}
