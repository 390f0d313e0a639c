package dev.hookline.cli;

import dev.hookline.config.HooklineConfig;
import dev.hookline.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * {@code java -jar hookline.jar backup FILE}: a consistent copy of the SQLite store of the data dir
 * that the same configuration names, taken while the hub runs. {@code VACUUM INTO} reads the whole
 * database in one read transaction (a snapshot: calls committed after it began are not in the
 * copy, and the hub's writes go on meanwhile) and writes a compact file; it goes to a temporary
 * name beside FILE first, so FILE is either complete or absent.
 */
public final class Backup {
    private Backup() {}

    /** Writes the copy; returns a line for the operator. Throws {@link BackupException} saying why not. */
    public static String run(HooklineConfig config, Path target) {
        if (config.databaseUrl().isPresent()) {
            throw new BackupException("HOOKLINE_DATABASE_URL is set: back PostgreSQL up with pg_dump; this command copies the SQLite store");
        }
        Path source = config.dataDir().resolve("hookline.db").toAbsolutePath();
        if (!Files.isRegularFile(source)) throw new BackupException("no store at " + source + " (check HOOKLINE_DATA_DIR / --data-dir)");
        Path out = target.toAbsolutePath();
        if (Files.exists(out)) throw new BackupException(out + " exists already; name a new file");
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) throw new BackupException("no folder " + out.getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            long t0 = System.nanoTime();
            SqliteStore.copy(source, partial);
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return "backup of " + source + " written to " + out + " (" + Files.size(out) + " bytes in " + ms + " ms)";
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the error below is what matters
            }
            throw new BackupException("backup failed: " + e.getMessage());
        }
    }

    /** A backup that could not be made; the message says why. */
    public static final class BackupException extends RuntimeException {
        BackupException(String message) {
            super(message);
        }
    }
}
