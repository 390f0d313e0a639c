package dev.hookline.store;

import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** Stored calls. Every read and write is scoped by business. */
public interface CallStore {

    /** What storing an ended call did: stored now (with its delivery), or found reported earlier. */
    record Ingested(boolean created, Call call) {}

    /**
     * Stores an ended call and its delivery ({@code null}: none) in one transaction. A call already
     * reported is left as it is ({@code created} false, nothing inserted); one so far seen only
     * live is completed with {@code fromLive} applied to the stored record (which keeps its trace).
     * The future completes on the store's writer thread once committed, or fails as a write does
     * ({@link StoreUnavailableException} when the store is behind or down).
     */
    CompletableFuture<Ingested> ingest(Call call, Delivery delivery, UnaryOperator<Call> fromLive);

    Optional<Call> find(String businessId, String callId);

    /** The calls among {@code callIds} that exist, by id, in one read. */
    Map<String, Call> findAll(String businessId, Collection<String> callIds);

    /** The most recent reported call of a flow. */
    Optional<Call> latestReported(String businessId, String flowId);

    /** Merges {@code details} into the call's fields, nothing else changed; empty when the call does not exist. */
    Optional<Call> addDetails(String businessId, String callId, Map<String, Object> details);

    /** A call with its analysis merged in, and whether a delivery waiting for it was made due. */
    record Analysed(Call call, boolean released) {}

    /**
     * Merges {@code results} into the call's fields; with {@code release} (the results carry the AI
     * part, not only a transcription) sets {@code ai_processed}, and a Wait-for-AI delivery that has
     * not started becomes due at {@code now}. Empty when the call does not exist.
     */
    Optional<Analysed> addAnalysis(String businessId, String callId, Map<String, Object> results, boolean release, long now);
}
