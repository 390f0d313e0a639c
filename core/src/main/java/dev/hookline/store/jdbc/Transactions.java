package dev.hookline.store.jdbc;

import dev.hookline.store.BatchWriter;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.HandleCallback;

/** How a store implementation runs work on its database: reads on pooled connections beside one writer that commits in batches. */
public interface Transactions {
    /** A read on a pooled connection. */
    <T> T read(HandleCallback<T, RuntimeException> work);

    /** Several reads on one snapshot: no commit lands between them. */
    <T> T readConsistent(HandleCallback<T, RuntimeException> work);

    /** The one writer, which owns its connection and commits what it is given in batches. */
    BatchWriter writer();

    /** Runs {@code work} in the writer's next batch; returns once it is committed. */
    default <T> T write(HandleCallback<T, RuntimeException> work) {
        return writer().write(work);
    }

    /** As {@link #write}, not holding the caller: the future completes on the writer's thread once committed. */
    default <T> CompletableFuture<T> writeAsync(HandleCallback<T, RuntimeException> work) {
        return writer().writeAsync(work);
    }

    /** Queues {@code work} for the writer's next batch without waiting. */
    default <T> CompletableFuture<T> submit(HandleCallback<T, RuntimeException> work) {
        return writer().submit(work);
    }
}
