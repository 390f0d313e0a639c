package dev.hookline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Start-up work run on a thread of its own while the main thread goes on (the machine has a core to spare then). */
final class Aside {
    private Aside() {}

    /** Starts {@code work} on a daemon thread named {@code name}. */
    static <T> CompletableFuture<T> run(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Waits for the work; its failure is thrown as it was thrown there. */
    static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Waits for the work, null if it failed (closing after a failed start). */
    static <T> T quietly(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
