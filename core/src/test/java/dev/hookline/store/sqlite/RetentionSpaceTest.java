package dev.hookline.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Call;
import dev.hookline.store.Codec;
import dev.hookline.store.KeyStore;
import dev.hookline.store.RetentionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How retention's SQLite side reads and gives space back: the age index, incremental vacuum, the file shrinking. */
class RetentionSpaceTest {
    @TempDir Path dir;

    @Test
    void aNewDatabaseGivesSpaceBackIncrementally() {
        try (Database db = Database.open(dir, false)) {
            assertThat(autoVacuum(db)).isEqualTo(SpaceMode.INCREMENTAL);
        }
    }

    @Test
    void aSmallDatabaseMadeWithoutItIsSwitchedAtOpenAndKeepsItsData() throws Exception {
        Files.createDirectories(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hookline.db")); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE keepsake (v TEXT)");
            s.execute("INSERT INTO keepsake VALUES ('still here')");
            try (ResultSet rs = s.executeQuery("PRAGMA auto_vacuum")) {
                assertThat(rs.getInt(1)).isZero();
            }
        }
        try (Database db = Database.open(dir, false)) {
            assertThat(autoVacuum(db)).isEqualTo(SpaceMode.INCREMENTAL);
            String kept = db.read(h -> h.createQuery("SELECT v FROM keepsake").mapTo(String.class).one());
            assertThat(kept).isEqualTo("still here");
        }
    }

    @Test
    void candidatesAreARangeOfTheAgeIndexAlreadyInOrder() {
        try (Database db = Database.open(dir, false)) {
            List<String> steps = db.read(h -> h.createQuery("EXPLAIN QUERY PLAN SELECT rowid, created_at FROM calls "
                    + "WHERE created_at >= 1 AND created_at < 2 AND (created_at > 1 OR rowid > 0) ORDER BY created_at, rowid LIMIT 5")
                    .map((rs, ctx) -> rs.getString(4)).list());
            String plan = String.join("\n", steps);
            assertThat(plan).contains("calls_created").contains("created_at>? AND created_at<?").doesNotContain("TEMP B-TREE");
        }
    }

    @Test
    void prunedCallsGiveTheirSpaceBackToTheFile() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir, false, new Codec(new ObjectMapper()))) {
            store.keys().createBusiness("b1", "Business", 0, new KeyStore.StoredKey("k1", "b1", "initial", "hk_test_ke", "hash-1", false, 0, null, null));
            String text = "x".repeat(4000);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int i = 0; i < 6000; i++) {
                Call c = new Call("c" + i, "b1", "f1", "+15735550001", "+13055559876", "completed", Map.of("transcription", text), false,
                        null, 1_000 + i % 7, 2_000L);
                writes.add(CompletableFuture.runAsync(() -> store.calls().ingest(c, null, x -> x).join(), pool));
            }
            CompletableFuture.allOf(writes.toArray(new CompletableFuture[0])).join();
            pool.shutdown();
            store.calls().ingest(new Call("young", "b1", "f1", "+1", "+2", "completed", Map.of(), false, null, 5_000, 5_000L), null, x -> x).join();
            long full = awaitFileAtMost(store.file(), Long.MAX_VALUE);

            RetentionStore r = store.retention();
            int removed = 0;
            String resume = null;
            do {
                RetentionStore.Pruned p = r.prune(5_000, resume, 300);
                removed += p.calls();
                resume = p.resumeAfter();
            } while (resume != null);
            assertThat(removed).isEqualTo(6000);
            assertThat(r.space().freeBytes()).isGreaterThan(full / 2);
            long given = 0;
            for (long n; (n = r.reclaim(1 << 20)) > 0; ) given += n;

            // all but a reserve for new data (8 MiB here) goes back, cut off at the background checkpoint
            assertThat(given).isGreaterThan(full - SqliteRetention.RESERVE_BYTES - full / 10);
            long cut = full - given + 64 * 1024;
            assertThat(awaitFileAtMost(store.file(), cut)).isLessThanOrEqualTo(cut);
            assertThat(r.space().freeBytes()).isLessThanOrEqualTo(SqliteRetention.RESERVE_BYTES);
            assertThat(store.calls().find("b1", "young")).isPresent();
            assertThat(store.calls().find("b1", "c0")).isEmpty();
        }
    }

    private static int autoVacuum(Database db) {
        return db.read(h -> h.createQuery("PRAGMA auto_vacuum").mapTo(Integer.class).one());
    }

    /** The file's size once it is at most {@code max} (or after 10 s), once it stops changing when {@code max} is unbounded. */
    private static long awaitFileAtMost(Path file, long max) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long size = Files.size(file);
            if (max != Long.MAX_VALUE ? size <= max : size == last) return size;
            last = size;
            Thread.sleep(max == Long.MAX_VALUE ? 1_000 : 50);
        }
        return Files.size(file);
    }
}
