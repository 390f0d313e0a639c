package dev.hookline.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Attempt;
import dev.hookline.model.Call;
import dev.hookline.model.CallFlow;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.model.FiringMode;
import dev.hookline.store.Codec;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.DeliveryStore.Picker.Verdict;
import dev.hookline.store.Migrations;
import dev.hookline.store.StoreContractTest;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.PgCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What several hubs on one PostgreSQL database rely on: one migration, claims never shared, leases, announcements. */
class SharedStoreTest {
    static final Duration LEASE = Duration.ofSeconds(30);
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    final Codec codec = new Codec(new ObjectMapper());

    PostgresStore open(String url) {
        return PostgresStore.open(url, codec, clock, LEASE);
    }

    @Test
    void hubsStartingTogetherOnAnEmptyDatabaseMigrateItOnceAndAgreeOnOneBusiness() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<PostgresStore>> opening = new ArrayList<>();
        for (int i = 0; i < 4; i++) opening.add(pool.submit(() -> open(url)));
        List<PostgresStore> stores = new ArrayList<>();
        for (Future<PostgresStore> f : opening) stores.add(f.get(60, TimeUnit.SECONDS));
        List<Future<String>> bootstraps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PostgresStore s = stores.get(i);
            String id = "b-" + i;
            bootstraps.add(pool.submit(() -> s.keys().ensureFirstBusiness(id, "Default", clock.millis())));
        }
        Set<String> chosen = ConcurrentHashMap.newKeySet();
        for (Future<String> f : bootstraps) chosen.add(f.get(30, TimeUnit.SECONDS));
        pool.shutdown();
        try {
            assertThat(chosen).hasSize(1);
            for (PostgresStore s : stores) assertThat(s.schemaVersion()).isEqualTo(Migrations.latest());
            PgDatabase db = ((PgDeliveries) stores.get(0).deliveries()).database();
            int versions = db.read(h -> PgJdbc.RUN.first(h, "SELECT count(*) FROM schema_version", rs -> rs.getInt(1)).orElseThrow());
            int businesses = db.read(h -> PgJdbc.RUN.first(h, "SELECT count(*) FROM businesses", rs -> rs.getInt(1)).orElseThrow());
            assertThat(versions).isEqualTo(Migrations.latest());
            assertThat(businesses).isEqualTo(1);
        } finally {
            stores.forEach(PostgresStore::close);
        }
    }

    @Test
    void hubsClaimingTogetherNeverClaimOneDeliveryTwice() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        int hubs = 3;
        int perHub = 2;
        int deliveries = 1_500;
        List<PostgresStore> stores = new ArrayList<>();
        for (int i = 0; i < hubs; i++) stores.add(open(url));
        try {
            String business = stores.get(0).keys().ensureFirstBusiness("b", "B", 0);
            long now = clock.millis();
            for (int i = 0; i < deliveries; i++) {
                Call c = new Call("c-" + i, business, "f-1", "+1", "+2", "completed", Map.of(), false, null, now, now);
                Delivery d = delivery(c, "d-" + i, "h" + (i % 5) + ".example", now);
                stores.get(i % hubs).calls().ingest(c, d, l -> l).join();
            }
            Map<String, String> claimedBy = new ConcurrentHashMap<>();
            List<String> twice = new CopyOnWriteArrayList<>();
            AtomicInteger claims = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(hubs * perHub);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < hubs * perHub; w++) {
                PostgresStore s = stores.get(w % hubs);
                String run = "run-" + w;
                boolean byHost = w % 2 == 1;
                workers.add(pool.submit(() -> {
                    int empty = 0;
                    while (empty < 3) {
                        List<Delivery> got;
                        if (byHost) {
                            Map<String, Integer> limits = new LinkedHashMap<>();
                            for (int h = 0; h < 5; h++) limits.put("h" + h + ".example", 7);
                            got = s.deliveries().claimForHosts(limits, d -> Verdict.TAKE, run).deliveries();
                        } else {
                            got = s.deliveries().claimDue(clock.millis(), 40, Set.of(), d -> Verdict.TAKE, run).deliveries();
                        }
                        empty = got.isEmpty() ? empty + 1 : 0;
                        for (Delivery d : got) {
                            claims.incrementAndGet();
                            if (claimedBy.putIfAbsent(d.deliveryId(), run) != null) twice.add(d.deliveryId());
                            assertThat(d.claimedBy()).isEqualTo(run);
                            assertThat(d.attempts()).isEqualTo(1);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) f.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(twice).as("deliveries claimed by two workers").isEmpty();
            assertThat(claims.get()).isEqualTo(deliveries);
            assertThat(claimedBy).hasSize(deliveries);
            assertThat(Set.copyOf(claimedBy.values())).as("the workers shared the work").hasSizeGreaterThan(1);
        } finally {
            stores.forEach(PostgresStore::close);
        }
    }

    @Test
    void aRenewedLeaseHoldsAndALateOutcomeCannotUndoATakeOver() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        try (PostgresStore a = open(url); PostgresStore b = open(url)) {
            String business = a.keys().ensureFirstBusiness("b", "B", 0);
            long t0 = clock.millis();
            Call c = new Call("c-1", business, "f-1", "+1", "+2", "completed", Map.of(), false, null, t0, t0);
            a.calls().ingest(c, delivery(c, "d-1", "h.example", t0), l -> l).join();
            Delivery claimed = a.deliveries().claimDue(t0, 1, Set.of(), d -> Verdict.TAKE, "run-a").deliveries().get(0);

            clock.advance(LEASE.dividedBy(2));
            assertThat(a.deliveries().renew("run-a", List.of("d-1"))).isEqualTo(1);
            assertThat(b.deliveries().recoverOrphans("run-b", t0 + LEASE.toMillis() + 1, "expired"))
                    .as("renewed: still held past its first expiry").isZero();

            clock.advance(LEASE.plusSeconds(1));
            assertThat(b.deliveries().recoverOrphans("run-b", clock.millis(), "expired")).isEqualTo(1);
            assertThat(a.deliveries().renew("run-a", List.of("d-1"))).as("taken over: no longer this run's").isZero();
            Delivery retaken = b.deliveries().claimDue(clock.millis(), 1, Set.of(), d -> Verdict.TAKE, "run-b").deliveries().get(0);
            assertThat(retaken.attempts()).isEqualTo(2);

            // run-a's attempt 1 ends late: its record is kept, the delivery stays run-b's
            a.deliveries().record(new DeliveryStore.Outcome(new Attempt("d-1", claimed.attempts(), t0, 200, 5L, null, "ok"), "run-a",
                    DeliveryStatus.SUCCEEDED, null, clock.millis(), null)).get(10, TimeUnit.SECONDS);
            DeliveryStore.Logged logged = b.deliveries().findLogged(business, "d-1").orElseThrow();
            assertThat(logged.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(logged.delivery().claimedBy()).isEqualTo("run-b");
            assertThat(logged.attempts()).singleElement().satisfies(at -> assertThat(at.statusCode()).isEqualTo(200));
        }
    }

    @Test
    void otherHubsHearWhatACommitMadeDueAndThatFlowsChangedButNotTheirOwnWord() throws Exception {
        String url = PgCluster.shared().newSchemaUrl();
        try (PostgresStore a = open(url); PostgresStore b = open(url)) {
            List<Long> heardByA = new CopyOnWriteArrayList<>();
            List<Long> heardByB = new CopyOnWriteArrayList<>();
            AtomicInteger flowsHeardByB = new AtomicInteger();
            a.onDueElsewhere(heardByA::add);
            b.onDueElsewhere(heardByB::add);
            b.onFlowsChangedElsewhere(flowsHeardByB::incrementAndGet);
            Thread.sleep(1_500); // both listening
            String business = a.keys().ensureFirstBusiness("b", "B", 0);
            long t0 = clock.millis();
            Call claimedCall = new Call("c-0", business, "f-1", "+1", "+2", "completed", Map.of(), false, null, t0, t0);
            a.calls().ingest(claimedCall, delivery(claimedCall, "d-0", "h.example", t0).claimed("run-a"), l -> l).join();
            Call c = new Call("c-1", business, "f-1", "+1", "+2", "completed", Map.of(), false, null, t0, t0);
            a.calls().ingest(c, delivery(c, "d-1", "h.example", t0 + 5), l -> l).join();
            a.flows().create(StoreContractTest.flowFor(business, "f-9", List.of("+19"), FiringMode.IMMEDIATE));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((heardByB.isEmpty() || flowsHeardByB.get() == 0) && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(heardByB).as("the unclaimed delivery's due time, once").containsExactly(t0 + 5);
            assertThat(flowsHeardByB.get()).isEqualTo(1);
            assertThat(heardByA).as("a hub ignores its own word").isEmpty();
        }
    }

    private static Delivery delivery(Call c, String id, String host, long due) {
        CallFlow f = StoreContractTest.flowFor(c.businessId(), "f-1", List.of(), FiringMode.IMMEDIATE);
        return Delivery.pending(id, c, f, "call.completed", new dev.hookline.model.Endpoint("https://" + host + "/h", host, "webhook", "{}", "s", "{}"),
                3, false, due, due);
    }
}
