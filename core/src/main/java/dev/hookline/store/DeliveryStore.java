package dev.hookline.store;

import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The outbox: deliveries, their attempts, and what the delivery worker claims from it. */
public interface DeliveryStore {

    /** Inserts a delivery as it is (a redelivery; a Test delivery already claimed by its run). */
    void insert(Delivery delivery);

    Optional<Delivery> find(String businessId, String deliveryId);

    /** A delivery and its attempts, read together (no commit lands between the two). */
    Optional<Logged> findLogged(String businessId, String deliveryId);

    record Logged(Delivery delivery, List<Attempt> attempts) {}

    /** The log's filters; null means any. Times are epoch ms, {@code from} inclusive, {@code until} exclusive. */
    record Filter(String businessId, String flowId, String callId, DeliveryStatus status, Long from, Long until) {}

    /** Where a page of the log starts: after this (created_at, delivery_id), newest first. */
    record Cursor(long createdAt, String deliveryId) {}

    /** One page of the log, newest first. */
    List<Delivery> page(Filter filter, Cursor after, int limit);

    /** Due, unclaimed deliveries, soonest first, leaving out {@code exceptHosts} (hosts without a free slot). */
    List<Delivery> due(long now, int limit, Collection<String> exceptHosts);

    /** One host's unclaimed pending deliveries, soonest due first, due or not. */
    List<Delivery> nextForHost(String host, int limit);

    /** When the soonest unclaimed pending delivery outside {@code exceptHosts} is due; null when none. */
    Long nextDueAt(Collection<String> exceptHosts);

    /** Due, unclaimed deliveries at {@code now}: how many, and when the longest-waiting one came due (null when none). */
    record Backlog(long due, Long oldestDueAt) {}

    /** The due queue at {@code now}, for monitoring: a count over the due index, so call it seldom (seconds apart). */
    Backlog backlog(long now);

    /**
     * Claims {@code picked} for {@code runId}, each only if unchanged since it was read (optimistic:
     * another worker may have taken it). Returns the claimed ones, their attempt counter raised.
     */
    List<Delivery> claim(List<Delivery> picked, String runId);

    /** How a claiming pass decides on each candidate, soonest due first; called once per candidate, inside the claim. */
    @FunctionalInterface
    interface Picker {
        /** TAKE claims it, SKIP leaves it, STOP leaves it and the rest of its list (of its host, with {@link #claimForHosts}). */
        enum Verdict { TAKE, SKIP, STOP }

        Verdict judge(Delivery candidate);
    }

    /** What a claiming pass got: the deliveries now claimed (attempt counter raised, leased), and how many candidates it read. */
    record Claimed(List<Delivery> deliveries, int seen) {}

    /**
     * Claims for {@code runId} the due, unclaimed deliveries outside {@code exceptHosts} that
     * {@code picker} takes, reading at most {@code limit} candidates, soonest due first. Committed
     * before it returns; a delivery another worker is claiming at the same moment is passed over,
     * never waited for and never claimed twice.
     */
    Claimed claimDue(long now, int limit, Collection<String> exceptHosts, Picker picker, String runId);

    /**
     * As {@link #claimDue} for the given hosts' unclaimed pending deliveries, due or not, at most
     * {@code limits.get(host)} candidates of each, in the map's order; {@code picker} sees each host's
     * candidates soonest due first, and STOP moves on to the next host.
     */
    Claimed claimForHosts(Map<String, Integer> limits, Picker picker, String runId);

    /**
     * Keeps {@code runId}'s claims on {@code deliveryIds} (attempts still in flight) from expiring;
     * returns how many of them the run still holds. A store of one hub has no expiring claims.
     */
    default int renew(String runId, Collection<String> deliveryIds) {
        return deliveryIds.size();
    }

    /** How one attempt ended and what becomes of its delivery. */
    record Outcome(Attempt attempt, String runId, DeliveryStatus status, Long nextAttemptAt, Long completedAt, String lastError) {}

    /**
     * Records an attempt and releases its claim; queued with the store's other writes. The delivery
     * changes only while {@code runId} still holds the claim of that attempt (in a shared store the
     * claim may have expired and been taken over: the attempt's own record is kept all the same).
     */
    CompletableFuture<Void> record(Outcome outcome);

    /**
     * Ends a claimed delivery as skipped before any attempt (its Wait-for-AI conditions failed when
     * it fired), {@code reason} kept as its last error, and releases the claim; its attempt counter
     * goes back down. A delivery that ended meanwhile (its flow was deleted) keeps its status.
     * Queued with the store's other writes.
     */
    CompletableFuture<Void> skip(String deliveryId, String runId, String reason, long now);

    /** A bulk recovery's window: a business's failed deliveries created in [since, until) ({@code until} null: open), of one flow or all. */
    record RecoveryWindow(String businessId, String flowId, long since, Long until) {}

    /** What a recovery wrote, and whether more failed deliveries wait beyond its limit. */
    record Recovered(List<Delivery> redeliveries, boolean more) {}

    /**
     * In one write: takes the failed deliveries in {@code window}, oldest first, at most
     * {@code limit}, leaving out Test deliveries, those of flows deleted, switched off or without a
     * URL, those redelivered already and those whose call's event has a delivery pending or
     * succeeded (so recovering twice sends nothing twice), and inserts {@code redelivery} of each
     * ({@code null} leaves one out). The function must not do I/O.
     */
    Recovered recover(RecoveryWindow window, int limit, Function<Delivery, Delivery> redelivery);

    /**
     * Takes back deliveries whose claim is dead: in a store of one hub, every claim of a run other
     * than {@code runId}; in a shared store, every claim whose lease ran out before {@code now}
     * (a live run renews the leases of its attempts in flight). The attempt they were on is
     * recorded as failed with {@code why} and they are due again at {@code now} with one more
     * attempt allowed; a Test delivery just fails. Returns how many.
     */
    int recoverOrphans(String runId, long now, String why);
}
