package dev.hookline.plugins;

import java.util.concurrent.CompletableFuture;

/**
 * Optional second face of a {@link Connector}: a connector that also implements this performs each
 * attempt itself, for services one request per attempt cannot serve (a token exchange first, a
 * look-up before a write, rows of several deliveries in one request). The hub then never calls
 * {@link Connector#build}, {@link Connector#onRedirect} or {@link Connector#classify} for it and
 * adds no signature headers; it still keeps the retries and their schedule, the time-out, the
 * per-host limits and the attempt log.
 *
 * <p>For each attempt the hub calls {@link #deliver} with the attempt's event, the flow's
 * destination, an {@link HttpPort} bound to the attempt's time-out and the hub's settings. The
 * connector talks to its service only through that port (the hub's client, with its address
 * policy, time-out and answer size cap), and completes the returned future with what the hub
 * records. A future still pending when the attempt's time-out has passed is completed by the hub
 * with a time-out result, so a connector may check {@code isDone()} to drop work nobody waits for.
 *
 * <p>Unlike a plain connector, one that delivers directly may keep state (cached tokens, queues
 * of rows) and so must guard it for many threads; it must not block the calling thread.
 */
public interface DirectDelivery {

    /** Performs one attempt; never blocks. An exception or an exceptionally completed future counts as a failed attempt, retried. */
    CompletableFuture<AttemptResult> deliver(DirectAttempt attempt);
}
