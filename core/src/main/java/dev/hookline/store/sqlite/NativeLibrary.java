package dev.hookline.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept in the data directory ({@code native/sqlite-<driver version>/}) and
 * handed to the driver through its {@code org.sqlite.lib.path} setting. Otherwise the driver copies
 * it out of the jar into the temp folder on every start, reads the copy back byte by byte to check
 * it (a fifth of a second of CPU at start-up), and a killed process leaves its copy behind.
 */
final class NativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(NativeLibrary.class);
    static final String PATH_SETTING = "org.sqlite.lib.path";
    static final String NAME_SETTING = "org.sqlite.lib.name";

    private NativeLibrary() {}

    /** Before the first connection of the process; a path already set (by the operator, or an earlier open) is kept. */
    static synchronized void useFrom(Path dataDir) {
        if (System.getProperty(PATH_SETTING) != null) return;
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name; // absolute: "/org/sqlite/native/<os>/<arch>/..."
        Path dir = dataDir.resolve("native").resolve("sqlite-" + SQLiteJDBCLoader.getVersion());
        Path lib = dir.resolve(name);
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) return; // no library for this platform in the jar: the driver says what it can do
            if (!Files.exists(lib)) {
                Files.createDirectories(dir);
                Path part = Files.createTempFile(dir, name, ".part");
                try {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE); // never a half-written library under the name
                } finally {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("SQLite's library stays with the driver's own copy: {}", e.toString()); // a full disk, say: nothing lost
            return;
        }
        System.setProperty(PATH_SETTING, dir.toAbsolutePath().toString());
        System.setProperty(NAME_SETTING, name);
    }
}
