package dev.hookline.store;

/**
 * What retention needs from a store: removing, a small batch at a time, the calls older than a
 * time with everything stored about them (deliveries, attempts, in-call trace), and giving the
 * space back. A call is removed only when all of its deliveries are finished, and were created
 * and completed before that time too, so a pending delivery, a recent redelivery or a recent last
 * attempt keeps its call and its history. Each
 * batch is one write queued with the store's others. Thread-safe.
 */
public interface RetentionStore {

    /** What one batch removed, and where the next batch goes on ({@code resumeAfter}: null when none is left). */
    record Pruned(int examined, int calls, int deliveries, int attempts, String resumeAfter) {}

    /**
     * Removes calls created before {@code before} (epoch ms), oldest first, looking at {@code limit}
     * of them after {@code resumeAfter} (an opaque position from the previous batch; null: from the oldest).
     */
    Pruned prune(long before, String resumeAfter, int limit);

    /** The store's size and the part of it that is free (reusable, or to be given back). */
    record Space(long totalBytes, long freeBytes) {}

    Space space();

    /**
     * Gives up to {@code maxBytes} of free space back to the file system; returns the bytes given
     * back (0 when nothing more can be, or the store does this by itself).
     */
    long reclaim(long maxBytes);
}
