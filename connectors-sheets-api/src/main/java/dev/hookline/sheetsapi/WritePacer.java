package dev.hookline.sheetsapi;

import java.time.Duration;
import java.util.Optional;

/**
 * Keeps one Google user (a service account) within the Sheets API's 60 write requests a minute:
 * batches start at least {@value #SPACING_MILLIS} ms apart (each batch is at most one read and one
 * write, so reads stay within their quota too). After a 429 the account is held: until
 * {@code Retry-After}, or for a back-off that doubles from 2 s to 64 s while 429s go on.
 * Thread-safe.
 */
final class WritePacer {
    static final long SPACING_MILLIS = 1000;
    static final long BACKOFF_MAX_SECONDS = 64;

    private long nextSlot = Long.MIN_VALUE;
    private long holdUntil = Long.MIN_VALUE;
    private int strikes;

    /** Takes the next slot; returns how long to wait for it (ms, zero when it is now). */
    synchronized long reserve(long now) {
        long start = Math.max(now, nextSlot);
        nextSlot = start + SPACING_MILLIS;
        return start - now;
    }

    /** How long the account is still held after a 429 (ms, zero when it is not). */
    synchronized long heldFor(long now) {
        return holdUntil <= now ? 0 : holdUntil - now;
    }

    /** A 429: hold until {@code retryAfter} when given, else for the next back-off step. Returns the hold. */
    synchronized Duration onRateLimited(long now, Optional<Duration> retryAfter) {
        strikes++;
        Duration hold = retryAfter.map(Answers::capped)
                .orElseGet(() -> Duration.ofSeconds(Math.min(BACKOFF_MAX_SECONDS, 1L << Math.min(strikes, 6))));
        holdUntil = Math.max(holdUntil, now + hold.toMillis());
        return hold;
    }

    /** A write went through: the back-off starts over. */
    synchronized void onSuccess() {
        strikes = 0;
    }
}
