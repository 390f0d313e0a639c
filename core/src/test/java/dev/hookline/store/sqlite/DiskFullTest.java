package dev.hookline.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.store.StoreUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk (here: the file at SQLite's page limit) refuses writes as 503 material, stores nothing half, and recovers by itself. */
class DiskFullTest {
    @TempDir Path dir;

    @Test
    void writesBeyondTheSpaceAreRefusedAndWorkAgainOnceThereIsRoom() {
        try (Database db = Database.open(dir, false)) {
            int pages = db.read(h -> h.createQuery("PRAGMA page_count").mapTo(Integer.class).one());
            db.write(h -> h.execute("PRAGMA max_page_count=" + (pages + 8)));
            String pad = "x".repeat(2_000);
            int stored = 0;
            StoreUnavailableException full = null;
            for (int i = 0; i < 1_000 && full == null; i++) {
                String id = "b" + i;
                try {
                    db.write(h -> h.execute("INSERT INTO businesses(id, name, created_at) VALUES (?, ?, 1)", id, pad));
                    stored++;
                } catch (StoreUnavailableException e) {
                    full = e;
                }
            }
            assertThat(full).as("the store ran out of room").isNotNull();
            assertThat(full.getMessage()).isEqualTo("the store's disk is full");
            assertThat(full.retryAfterSeconds()).isPositive();
            assertThat(db.healthy()).isFalse();
            int before = stored;
            assertThat(count(db)).as("every acknowledged write is there, the refused one is not").isEqualTo(before);
            assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO businesses(id, name, created_at) VALUES ('again', ?, 1)", pad)))
                    .isInstanceOf(StoreUnavailableException.class);

            db.write(h -> h.execute("PRAGMA max_page_count=1000000")); // space returns
            db.write(h -> h.execute("INSERT INTO businesses(id, name, created_at) VALUES ('after', ?, 1)", pad));
            assertThat(db.healthy()).isTrue();
            assertThat(count(db)).isEqualTo(before + 1);
        }
        try (Database db = Database.open(dir, false)) {
            assertThat(count(db)).as("and after a restart").isPositive();
        }
    }

    private static int count(Database db) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM businesses").mapTo(Integer.class).one());
    }
}
