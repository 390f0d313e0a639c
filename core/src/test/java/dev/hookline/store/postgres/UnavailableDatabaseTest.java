package dev.hookline.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.store.Codec;
import dev.hookline.store.StoreUnavailableException;
import dev.hookline.testing.PgCluster;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot be used answers 503 with Retry-After, quickly, and the hub recovers when it is back. */
class UnavailableDatabaseTest {
    /** A cluster of its own: these tests stop its server. */
    static PgCluster cluster;
    @TempDir Path dir;

    @BeforeAll
    static void cluster() {
        cluster = PgCluster.start();
        cluster.createDatabase("hookline");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void whileTheDatabaseIsDownCallsAnswer503WithRetryAfterAndHealth503ThenTheHubRecovers() throws Exception {
        String url = cluster.url("hookline");
        try (TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.with("HOOKLINE_DATABASE_URL", url))) {
            hub.flow("+15735551234", "http://127.0.0.1:9/hook", "immediate");
            assertThat(hub.call("before", "+15735551234").status()).isEqualTo(201);
            assertThat(hub.get("/health").status()).isEqualTo(200);

            cluster.stopServer();
            long t0 = System.nanoTime();
            TestHub.Reply down = hub.call("during", "+15735551234");
            double secs = (System.nanoTime() - t0) / 1e9;
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.error("code")).isEqualTo("store_unavailable");
            assertThat(secs).as("bounded by the store's own time-outs, not a hang").isLessThan(30);
            assertThat(hub.get("/health").status()).isEqualTo(503);
            TestHub.Reply read = hub.get("/api/v1/webhook-deliveries");
            assertThat(read.status()).as(read.body()).isEqualTo(503);

            cluster.startServer();
            // a balancer sends nothing to a hub whose /health says 503: it must recover without writes
            long healthDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (hub.get("/health").status() != 200 && System.nanoTime() < healthDeadline) Thread.sleep(200);
            assertThat(hub.get("/health").status()).isEqualTo(200);
            TestHub.Reply back = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                back = hub.call("after", "+15735551234");
                if (back.status() == 201) break;
                Thread.sleep(200);
            }
            assertThat(back.status()).as(back.body()).isEqualTo(201);
            assertThat(hub.get("/api/v1/calls/during").status()).as("nothing was stored for the 503").isEqualTo(404);
        } finally {
            cluster.startServer();
        }
    }

    @Test
    void anExhaustedPoolAnswersUnavailableAfterABoundedWait() throws Exception {
        cluster.startServer();
        PgDatabase db = PgDatabase.open(PgUrl.parse(cluster.url("hookline")));
        ExecutorService holders = Executors.newFixedThreadPool(PgDatabase.READ_POOL);
        CountDownLatch held = new CountDownLatch(PgDatabase.READ_POOL);
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int i = 0; i < PgDatabase.READ_POOL; i++) {
                all.add(holders.submit(() -> db.read(h -> {
                    held.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                })));
            }
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> db.read(h -> PgJdbc.RUN.first(h, "SELECT 1", rs -> rs.getInt(1))))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.retryAfterSeconds()).isPositive());
            assertThat((System.nanoTime() - t0) / 1e9).as("the bounded wait, not a hang").isLessThan(30);
            release.countDown();
            for (var f : all) f.get(30, TimeUnit.SECONDS);
            int one = db.read(h -> PgJdbc.RUN.first(h, "SELECT 1", rs -> rs.getInt(1)).orElseThrow());
            assertThat(one).isEqualTo(1);
        } finally {
            release.countDown();
            holders.shutdownNow();
            db.close();
        }
    }

    @Test
    void theUrlsPasswordNeverReachesTheDescription() {
        PgUrl u = PgUrl.parse("postgresql://hook%40line:s3cr%2Ft@db.example:5433/hookline?sslmode=require");
        assertThat(u.user()).isEqualTo("hook@line");
        assertThat(u.password()).isEqualTo("s3cr/t");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/hookline?sslmode=require");
        assertThat(u.shown()).doesNotContain("s3cr").contains("db.example:5433/hookline");
        PgUrl j = PgUrl.parse("jdbc:postgresql://127.0.0.1/hl?user=u&password=topsecret&currentSchema=s");
        assertThat(j.password()).isEqualTo("topsecret");
        assertThat(j.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/hl?currentSchema=s");
        assertThat(j.shown()).doesNotContain("topsecret");
        assertThat(new PostgresStoreDescription(u).text()).doesNotContain("s3cr");
    }

    /** What the start-up log shows of a store. */
    private record PostgresStoreDescription(PgUrl url) {
        String text() {
            return "PostgreSQL " + url.shown();
        }
    }
}
