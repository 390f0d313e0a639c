package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.model.Endpoint;
import dev.hookline.model.FiringMode;
import dev.hookline.store.Codec;
import dev.hookline.store.KeyStore;
import dev.hookline.store.Store;
import dev.hookline.store.StoreContractTest;
import dev.hookline.store.sqlite.SqliteStore;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.StoreFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery loop alone, running on a real SQLite store with real send slots: what a pass over
 * the due queue claims and hands on, and what a freed slot brings in. The starter here takes each
 * started delivery's slot, as the dispatcher does, and keeps what it was given.
 */
class DeliveryLoopTest {
    private static final int PER_HOST = 2;
    @TempDir Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private Store store;
    private SendSlots slots;
    private DeliveryLoop loop;
    private String business;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir, false, new Codec(new ObjectMapper()));
        business = store.keys().ensureFirstBusiness("b-1", "Default", clock.millis());
        slots = new SendSlots(new DeliveryLimits(PER_HOST, 100, 16), clock::millis);
        loop = new DeliveryLoop(store.deliveries(), store.calls(), slots, clock, new DeliveryLoop.Starter() {
            @Override
            public void start(Delivery claimed, Call call) {
                slots.take(claimed.host());
                started.add(claimed.deliveryId() + " " + call.businessId() + "/" + call.callId() + " #" + claimed.attempts());
            }

            @Override
            public void fail(Delivery claimed, String why) {
                slots.take(claimed.host());
                failed.add(claimed.deliveryId() + ": " + why);
            }
        }, "run-a");
    }

    @AfterEach
    void close() throws InterruptedException {
        loop.stop(5_000);
        store.close();
    }

    @Test
    void aPassStartsWhatIsDueUpToEachHostsSlotsWithItsCallAndLeavesTheRest() throws Exception {
        long now = clock.millis();
        queue(business, "c-4", "b.example", now);
        queue(business, "c-5", "b.example", now + 60_000);
        startWithThreeDueFor("a.example");

        await(() -> started.size() == 3);
        assertThat(started).containsExactlyInAnyOrder("d-c-1 b-1/c-1 #1", "d-c-2 b-1/c-2 #1", "d-c-4 b-1/c-4 #1");
        assertThat(slots.of("a.example").inFlight()).isEqualTo(PER_HOST);
        passOverTheQueue();
        assertThat(started).as("a.example is full, c-5 is not due").hasSize(3);
        assertThat(failed).isEmpty();
    }

    @Test
    void aFreedSlotBringsInItsHostsWaitingDeliveryWithoutAScanOfTheQueue() throws Exception {
        startWithThreeDueFor("a.example");
        await(() -> started.size() == 2 && loop.scans() == 1); // the first pass is over; nothing else is due

        assertThat(slots.release("a.example")).as("c-3 waited for this slot").isTrue();
        loop.nudge();
        await(() -> started.size() == 3);
        assertThat(started.get(2)).isEqualTo("d-c-3 b-1/c-3 #1");
        assertThat(loop.scans()).as("a freed slot reads its own host's rows, not the whole queue").isEqualTo(1);
    }

    @Test
    void aWaitingDeliveryNotYetDueIsStartedWhenItComesDue() throws Exception {
        long now = clock.millis();
        queue(business, "c-1", "a.example", now);
        queue(business, "c-2", "a.example", now);
        queue(business, "c-3", "a.example", now + 5_000);
        loop.start();
        loop.wake();
        await(() -> started.size() == 2);
        slots.release("a.example");
        slots.markReady("a.example");
        passOverTheQueue();
        assertThat(started).as("c-3 is due in 5 s").hasSize(2);

        clock.advance(Duration.ofSeconds(5));
        loop.nudge();
        await(() -> started.size() == 3);
        assertThat(started.get(2)).isEqualTo("d-c-3 b-1/c-3 #1");
    }

    @Test
    void eachDeliveryGetsItsOwnBusinesssCallAndAnUnreadableCallFailsOnlyItsOwnDelivery() throws Exception {
        String other = "b-2";
        store.keys().createBusiness(other, "Other", clock.millis(),
                new KeyStore.StoredKey("k-2", other, "key", "hk_b2", "hash-b2", false, clock.millis(), null, null));
        long now = clock.millis();
        queue(business, "same-id", "a.example", now);
        queue(other, "same-id", "b.example", now);
        queue(business, "gone", "c.example", now);
        queue(business, "garbled", "c.example", now);
        StoreFile.execute(dir, "DELETE FROM calls WHERE call_id = 'gone'");
        StoreFile.execute(dir, "UPDATE calls SET fields = '{not json' WHERE call_id = 'garbled'");

        loop.start();
        loop.wake();
        await(() -> started.size() + failed.size() == 4);
        assertThat(started).containsExactlyInAnyOrder("d-same-id b-1/same-id #1", "d-same-id-" + other + " " + other + "/same-id #1");
        assertThat(failed).hasSize(2).contains("d-gone: the call gone no longer exists");
        assertThat(failed).anySatisfy(f -> assertThat(f).startsWith("d-garbled: the call garbled could not be read from the store ("));
    }

    /**
     * Three deliveries due now for {@code host}, one more than its slots; the loop started, which
     * scans once at once. Not woken as well: a wake landing after that scan would run a second one.
     */
    private void startWithThreeDueFor(String host) {
        long now = clock.millis();
        for (int i = 1; i <= 3; i++) queue(business, "c-" + i, host, now - 4 + i);
        loop.start();
    }

    /** Wakes the loop and waits until it has run a whole pass, the scan of the due queue included. */
    private void passOverTheQueue() throws InterruptedException {
        int before = loop.scans();
        loop.wake();
        await(() -> loop.scans() > before);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Stores a call of {@code businessId} with one delivery to {@code host}, due at {@code due}. */
    private void queue(String businessId, String callId, String host, long due) {
        long now = clock.millis();
        Call c = new Call(callId, businessId, "f-1", "+15735551234", "+13055559876", "completed", Map.of(), false, null, now, now);
        Endpoint e = new Endpoint("https://" + host + "/hook", host, "webhook", "{}", "whsec_test", "{}");
        String id = businessId.equals(business) ? "d-" + callId : "d-" + callId + "-" + businessId;
        store.calls().ingest(c, Delivery.pending(id, c, StoreContractTest.flowFor(businessId, "f-1", List.of(), FiringMode.IMMEDIATE),
                "call.completed", e, 3, false, now, due), live -> live).join();
    }
}
