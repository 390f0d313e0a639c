package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.model.Attempt;
import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.store.DeliveryStore.Picker.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What retention needs from every store: a prune removes exactly the calls older than the window
 * with their finished deliveries and attempts, keeps every call a pending, recent or recently
 * finished delivery still needs, and resumes batch after batch without skipping or repeating a call.
 */
public abstract class RetentionContractTest extends StoreFixture {

    /** Stores a call created at {@code at} with no delivery. */
    private void bare(String businessId, String id, long at) {
        store.calls().ingest(StoreContractTest.call(businessId, id, at), null, c -> c).join();
    }

    /** Stores a call created at {@code at} whose delivery ends as {@code status} at {@code done}, after {@code attempts} attempts. */
    private Delivery finished(String id, long at, DeliveryStatus status, long done, int attempts) throws Exception {
        Call c = StoreContractTest.call(business, id, at);
        Delivery d = StoreContractTest.delivery(c, "d-" + id, "a.example", at, at);
        store.calls().ingest(c, d, l -> l).join();
        finish(d.deliveryId(), at, status, done, attempts);
        return d;
    }

    /** Claims delivery {@code id} (due at {@code due}) and records {@code attempts} attempts, the last ending it as {@code status} at {@code done}. */
    private void finish(String id, long due, DeliveryStatus status, long done, int attempts) throws Exception {
        for (int i = 1; i <= attempts; i++) {
            long now = i == 1 ? due : done - attempts + i - 1;
            Delivery claimed = store.deliveries().claimDue(now, 10, Set.of(), x -> x.deliveryId().equals(id) ? Verdict.TAKE : Verdict.SKIP, "run")
                    .deliveries().get(0);
            boolean last = i == attempts;
            long at = last ? done : now;
            Integer code = last && status == DeliveryStatus.SUCCEEDED ? 200 : 500;
            Long next = last ? null : done - attempts + i;
            store.deliveries().record(new DeliveryStore.Outcome(new Attempt(id, claimed.attempts(), at, code, 10L, null, "x"), "run",
                    last ? status : DeliveryStatus.PENDING, next, last ? at : null, last ? null : "500")).get(10, TimeUnit.SECONDS);
        }
    }

    /** Every batch of {@code limit} until none is left, added up. */
    private RetentionStore.Pruned pruneAll(long before, int limit) {
        int examined = 0, calls = 0, deliveries = 0, attempts = 0, batches = 0;
        String resume = null;
        do {
            RetentionStore.Pruned p = store.retention().prune(before, resume, limit);
            examined += p.examined();
            calls += p.calls();
            deliveries += p.deliveries();
            attempts += p.attempts();
            resume = p.resumeAfter();
            assertThat(++batches).as("batches end").isLessThan(100);
        } while (resume != null);
        return new RetentionStore.Pruned(examined, calls, deliveries, attempts, null);
    }

    @Test
    void aPruneRemovesExactlyWhatIsOlderThanTheWindowAndNothingAPendingOrRecentDeliveryNeeds() throws Exception {
        long before = t0 + 1_000_000;
        finished("old-done", t0, DeliveryStatus.SUCCEEDED, t0 + 10, 2);
        finished("old-failed", t0 + 1, DeliveryStatus.FAILED, t0 + 20, 1);
        bare(business, "old-bare", t0 + 2);
        store.traces().save(new TraceStore.LiveTrace(business, "old-live", "f-1", "+1", "+2", "[]", t0 + 3), () -> true).get(10, TimeUnit.SECONDS);
        Call waiting = StoreContractTest.call(business, "old-pending", t0 + 4);
        store.calls().ingest(waiting, StoreContractTest.delivery(waiting, "d-old-pending", "a.example", t0 + 4, null), l -> l).join();
        finished("old-late", t0 + 5, DeliveryStatus.SUCCEEDED, before, 1);
        Delivery first = finished("old-redelivered", t0 + 6, DeliveryStatus.SUCCEEDED, t0 + 30, 1);
        Call redelivered = store.calls().find(business, "old-redelivered").orElseThrow();
        store.deliveries().insert(StoreContractTest.delivery(redelivered, "d-again", "a.example", before + 5, before + 5));
        finish("d-again", before + 5, DeliveryStatus.SUCCEEDED, before + 6, 1);
        bare(business, "edge-old", before - 1);
        bare(business, "edge-kept", before);
        store.keys().createBusiness("b-2", "Second", t0, new KeyStore.StoredKey("k-2", "b-2", "k", "hk_abc", "hash-2", false, t0, null, null));
        bare("b-2", "old-other", t0);

        RetentionStore.Pruned p = pruneAll(before, 2);

        assertThat(p.examined()).as("every call created before the window, once").isEqualTo(9);
        assertThat(p.calls()).isEqualTo(6);
        assertThat(p.deliveries()).isEqualTo(2);
        assertThat(p.attempts()).isEqualTo(3);
        for (String gone : List.of("old-done", "old-failed", "old-bare", "old-live", "edge-old")) {
            assertThat(store.calls().find(business, gone)).as(gone).isEmpty();
        }
        assertThat(store.calls().find("b-2", "old-other")).isEmpty();
        for (String kept : List.of("old-pending", "old-late", "old-redelivered", "edge-kept")) {
            assertThat(store.calls().find(business, kept)).as(kept).isPresent();
        }
        assertThat(store.deliveries().findLogged(business, "d-old-done")).isEmpty();
        assertThat(store.deliveries().findLogged(business, "d-old-failed")).isEmpty();
        assertThat(store.deliveries().find(business, "d-old-pending").orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store.deliveries().findLogged(business, "d-old-late").orElseThrow().attempts()).hasSize(1);
        assertThat(store.deliveries().findLogged(business, first.deliveryId()).orElseThrow().attempts()).hasSize(1);
        assertThat(store.deliveries().findLogged(business, "d-again").orElseThrow().attempts()).hasSize(1);

        RetentionStore.Pruned again = pruneAll(before, 2);
        assertThat(again.calls() + again.deliveries() + again.attempts()).as("nothing more to remove").isZero();
        assertThat(again.examined()).as("what is kept is looked at again").isEqualTo(3);
    }

    @Test
    void batchesResumeThroughCallsOfOneTimeWithoutSkippingOrRepeatingOne() {
        store.keys().createBusiness("b-2", "Second", t0, new KeyStore.StoredKey("k-2", "b-2", "k", "hk_abc", "hash-2", false, t0, null, null));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "tie|" + i + ":" + (6 - i); // the separators a resume position might use
            bare(i % 2 == 0 ? business : "b-2", id, t0);
            ids.add(id);
        }
        bare(business, "young", t0 + 1);

        int examined = 0, removed = 0, batches = 0;
        String resume = null;
        do {
            RetentionStore.Pruned p = store.retention().prune(t0 + 1, resume, 3);
            assertThat(p.examined()).isLessThanOrEqualTo(3);
            examined += p.examined();
            removed += p.calls();
            resume = p.resumeAfter();
            batches++;
        } while (resume != null && batches < 10);
        assertThat(resume).isNull();
        assertThat(examined).isEqualTo(7);
        assertThat(removed).isEqualTo(7);
        assertThat(batches).isEqualTo(3);
        assertThat(store.calls().find(business, "young")).isPresent();
        assertThat(store.retention().prune(t0 + 1, null, 3)).isEqualTo(new RetentionStore.Pruned(0, 0, 0, 0, null));
    }

    @Test
    void theStoreTellsItsSizeAndGivesBackNoMoreThanIsFree() {
        for (int i = 0; i < 50; i++) bare(business, "s-" + i, t0);
        RetentionStore.Space space = store.retention().space();
        assertThat(space.totalBytes()).isPositive();
        assertThat(space.freeBytes()).isBetween(0L, space.totalBytes());
        pruneAll(t0 + 1, 20);
        assertThat(store.retention().reclaim(1 << 20)).isBetween(0L, store.retention().space().totalBytes());
    }
}
