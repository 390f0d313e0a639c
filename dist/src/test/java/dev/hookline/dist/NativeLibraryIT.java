package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's native library lives in the data directory: nothing is copied into the temp folder, and a killed hub leaves nothing there. */
class NativeLibraryIT {
    @TempDir Path dir;

    @Test
    void theLibraryIsKeptInTheDataDirectoryAndReusedAfterAKill() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> jvm = List.of("-Djava.io.tmpdir=" + tmp);
        Path data = dir.resolve("data");
        Path lib;
        long written;
        try (JarHub hub = JarHub.start(dir.resolve("first.log"), Map.of("HOOKLINE_DATA_DIR", data.toString()), jvm)) {
            assertThat(hub.get("/health").status()).isEqualTo(200);
            lib = only(data.resolve("native"));
            assertThat(lib.getParent().getFileName().toString()).startsWith("sqlite-");
            written = Files.getLastModifiedTime(lib).toMillis();
            assertThat(sqliteFiles(tmp)).isEmpty();
            hub.process.destroyForcibly().waitFor(); // kill -9: no clean-up runs
        }
        assertThat(sqliteFiles(tmp)).isEmpty();

        try (JarHub again = JarHub.start(dir.resolve("second.log"), Map.of("HOOKLINE_DATA_DIR", data.toString()), jvm)) {
            assertThat(again.get("/health").status()).isEqualTo(200);
            assertThat(only(data.resolve("native"))).isEqualTo(lib);
            assertThat(Files.getLastModifiedTime(lib).toMillis()).as("the kept copy is used, not written again").isEqualTo(written);
            assertThat(sqliteFiles(tmp)).isEmpty();
        }
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> found = files.filter(Files::isRegularFile).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static List<Path> sqliteFiles(Path tmp) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(p -> p.getFileName().toString().contains("sqlitejdbc")).toList();
        }
    }
}
