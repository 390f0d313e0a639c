package dev.hookline.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the file gives space back: SQLite's {@code auto_vacuum=INCREMENTAL}, under which pages freed
 * by deletes can be cut off the end of the file step by step ({@link SqliteRetention#reclaim}).
 * The mode can only be switched on by rewriting the whole file (VACUUM, about a minute per GB here,
 * blocking the hub meanwhile), so it is switched on at open for a new or small file only; a larger
 * file created before keeps reusing freed pages for new data without shrinking, and the log says
 * how to switch it once, offline.
 */
final class SpaceMode {
    private static final Logger log = LoggerFactory.getLogger(SpaceMode.class);
    static final int INCREMENTAL = 2;
    /** Files up to this size are rewritten at open (a few seconds at most). */
    static final long SWITCH_AT_OPEN_BYTES = 64L * 1024 * 1024;

    private SpaceMode() {}

    /**
     * Switches a new or small database to incremental vacuum, on a connection of its own opened and
     * closed before any other: a connection keeps the mode it first saw, and one writing under the
     * old mode would leave the new one's page map wrong.
     */
    static void ensureIncremental(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            ensureIncremental(c, file);
        }
    }

    private static void ensureIncremental(Connection c, Path file) throws SQLException {
        if (mode(c) == INCREMENTAL) return;
        long bytes = size(file);
        if (bytes > SWITCH_AT_OPEN_BYTES) {
            log.warn("{} ({} MiB) was created without incremental vacuum: space freed by retention is reused for new data but not "
                    + "given back to the file system. To switch it once, stop the hub and run: "
                    + "sqlite3 {} 'PRAGMA auto_vacuum=INCREMENTAL; VACUUM;' (about a minute per GB; needs as much free disk as the file)",
                    file.getFileName(), bytes / (1024 * 1024), file.toAbsolutePath());
            return;
        }
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA auto_vacuum=INCREMENTAL");
            s.execute("VACUUM");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        if (bytes > 0) log.info("switched {} to incremental vacuum in {} ms", file.getFileName(), (System.nanoTime() - t0) / 1_000_000);
    }

    static int mode(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA auto_vacuum")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The database file and its log, in bytes. */
    static long size(Path file) {
        long n = 0;
        for (Path p : new Path[] {file, file.resolveSibling(file.getFileName() + "-wal")}) {
            try {
                if (Files.exists(p)) n += Files.size(p);
            } catch (IOException ignored) {
                // gone between the two calls: nothing to count
            }
        }
        return n;
    }
}
