package dev.hookline.delivery;

/** An attempt that has ended, waiting to be written to the store. */
record Completed(Delivery delivery, int attempt, long sentAt, AttemptOutcome outcome, java.util.concurrent.CompletableFuture<AttemptOutcome> done) {}
