package dev.hookline.store;

import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    /** How one attempt ended and what becomes of its delivery. */
    record Outcome(Attempt attempt, String runId, DeliveryStatus status, Long nextAttemptAt, Long completedAt, String lastError) {}

    /** Records an attempt and releases its claim; queued with the store's other writes. */
    CompletableFuture<Void> record(Outcome outcome);

    /**
     * Takes back deliveries claimed by runs that are gone (other than {@code runId}): the attempt
     * they were on is recorded as failed with {@code why} and they are due again at {@code now}
     * with one more attempt allowed; a Test delivery just fails. Returns how many.
     */
    int recoverOrphans(String runId, long now, String why);
}
