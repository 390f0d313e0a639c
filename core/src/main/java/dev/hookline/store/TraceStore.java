package dev.hookline.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The in-call traces of live calls, written off the answer's path: each write is queued with the
 * store's other writes and done when {@code wanted} still holds as it runs (a later run of the same
 * call makes an earlier one's writes moot). The futures fail when the write was refused.
 */
public interface TraceStore {

    /** Creates the call's record (live, not reported) or replaces the trace of an existing one. */
    CompletableFuture<Void> save(LiveTrace trace, BooleanSupplier wanted);

    /** Replaces one entry of a stored trace (a fired webhook's final outcome). */
    CompletableFuture<Void> setEntry(String businessId, String callSid, int position, String entryJson, BooleanSupplier wanted);

    /** A live run's trace as stored with its call. */
    record LiveTrace(String businessId, String callSid, String flowId, String to, String from, String traceJson, long createdAt) {}
}
