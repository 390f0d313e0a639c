package dev.hookline.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for a write handed to the store's writer, with its failure rethrown as the write threw it. */
public final class Writes {
    private Writes() {}

    /**
     * The result once committed. The wait is bounded by the writer's own: a write not begun within
     * it is refused as busy, and a batch under way ends within the store's time bounds.
     */
    public static <T> T await(CompletableFuture<T> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            throw unwrapped(e.getCause());
        }
    }

    /** What a write failed with, as thrown by the write: an API error stays an API error. */
    public static RuntimeException unwrapped(Throwable failure) {
        Throwable c = failure;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) c = c.getCause();
        if (c instanceof RuntimeException re) return re;
        if (c instanceof Error err) throw err;
        return new StoreException("the write failed", c);
    }
}
