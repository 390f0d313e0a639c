package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store another process has locked: POST /calls answers 503 with Retry-After within a bound, stores nothing, and recovers. */
class StorePressureTest {
    @TempDir Path dir;

    @Test
    void aLockedStoreAnswers503QuicklyAndRecoversWhenReleased() throws Exception {
        try (TestHub hub = TestHub.start(dir)) {
            hub.post("/api/v1/call-flows", "{\"name\":\"Locked\",\"tracking_numbers\":[\"+15735551234\"]}");
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hookline.db"));
                 Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                long start = System.nanoTime();
                List<CompletableFuture<Reply>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String id = "locked-" + i;
                    answers.add(CompletableFuture.supplyAsync(() -> hub.call(id, "+15735551234")));
                }
                for (CompletableFuture<Reply> a : answers) {
                    Reply r = a.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.error("code")).isEqualTo("store_unavailable");
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("eight writers wait for the lock about once, not each in turn").isLessThan(Duration.ofSeconds(20));
                assertThat(hub.get("/health").status()).isEqualTo(503);
                s.execute("ROLLBACK");
            }
            for (int i = 0; i < 8; i++) {
                assertThat(hub.get("/api/v1/calls/locked-" + i).status()).as("a 503 stored nothing").isEqualTo(404);
            }
            assertThat(hub.call("after-1", "+15735551234").status()).isEqualTo(201);
            assertThat(hub.get("/health").status()).isEqualTo(200);
        }
    }
}
