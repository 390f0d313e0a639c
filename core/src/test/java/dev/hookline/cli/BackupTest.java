package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.config.HooklineConfig;
import dev.hookline.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup FILE} against a running hub's data dir, and the mistakes it refuses. */
class BackupTest {
    @TempDir Path dir;

    @Test
    void aCopyOfARunningHubStartsAsAHubWithTheSameCalls() throws Exception {
        Path live = dir.resolve("live");
        Path copy = dir.resolve("copy.db");
        try (TestHub hub = TestHub.start(live)) {
            hub.flow("+15735550004", "http://127.0.0.1:9/never", "immediate");
            assertThat(hub.call("before-backup", "+15735550004").status()).isEqualTo(201);
            String line = Backup.run(HooklineConfig.defaults(live), copy);
            assertThat(line).contains(copy.toAbsolutePath().toString());
            assertThat(Files.exists(copy.resolveSibling("copy.db.partial"))).isFalse();
        }
        Path restored = Files.createDirectories(dir.resolve("restored"));
        Files.copy(copy, restored.resolve("hookline.db"));
        try (TestHub hub = TestHub.start(restored)) {
            assertThat(hub.get("/api/v1/calls/before-backup").status()).isEqualTo(200);
        }
    }

    @Test
    void refusesAnExistingFileAMissingStoreAndPostgres() throws Exception {
        Path live = dir.resolve("live");
        try (TestHub hub = TestHub.start(live)) {
            Path existing = Files.writeString(dir.resolve("taken.db"), "keep me");
            assertThatThrownBy(() -> Backup.run(HooklineConfig.defaults(live), existing)).hasMessageContaining("exists already");
            assertThat(Files.readString(existing)).isEqualTo("keep me");
        }
        assertThatThrownBy(() -> Backup.run(HooklineConfig.defaults(dir.resolve("empty")), dir.resolve("x.db")))
                .hasMessageContaining("no store at");
        HooklineConfig pg = HooklineConfig.defaults(live).with("HOOKLINE_DATABASE_URL", "postgresql://u:p@127.0.0.1:5432/db");
        assertThatThrownBy(() -> Backup.run(pg, dir.resolve("y.db"))).hasMessageContaining("pg_dump");
    }
}
