package dev.hookline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.store.postgres.PostgresStore;
import dev.hookline.store.sqlite.SqliteStore;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.PgCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store on a new empty database with one business, for the contract tests of one part of the
 * seam; a subclass per store says which ({@link #sqlite} or {@link #postgres}).
 */
public abstract class StoreFixture {
    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    protected final Codec codec = new Codec(new ObjectMapper());
    protected Store store;
    protected String business;
    protected long t0;

    protected abstract Store open();

    protected Store sqlite(Path dir) {
        return SqliteStore.open(dir, false, codec);
    }

    protected Store postgres() {
        return PostgresStore.open(PgCluster.shared().newSchemaUrl(), codec, clock, LEASE);
    }

    @BeforeEach
    void openStore() {
        store = open();
        t0 = clock.millis();
        business = store.keys().ensureFirstBusiness("b-1", "Default", t0);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
