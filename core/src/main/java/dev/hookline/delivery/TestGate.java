package dev.hookline.delivery;

import dev.hookline.http.ApiException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the Test button: each Test holds a server thread for up to the attempt time-out, so a
 * business may have a few in flight ({@link Limits#perBusiness}) and the hub a few dozen
 * ({@link Limits#total}); beyond that the answer is 429 with {@code Retry-After} (the attempt
 * time-out, by when a slot has surely freed). Thread-safe.
 */
final class TestGate {

    public record Limits(int perBusiness, int total) {
        public static final Limits DEFAULT = new Limits(4, 32);
    }

    /** A slot taken by one Test; closing it gives the slot back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Limits limits;
    private final long retryAfterSeconds;
    /** Tests in flight per business; a business without any has no entry. */
    private final ConcurrentHashMap<String, Integer> perBusiness = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    TestGate(Limits limits, Duration attemptTimeout) {
        this.limits = limits;
        this.retryAfterSeconds = Math.max(1, (attemptTimeout.toMillis() + 999) / 1000);
    }


    /** Takes a slot for {@code business}, or throws 429 when it (or the hub) has none free. */
    Permit enter(String business) {
        if (total.incrementAndGet() > limits.total()) {
            total.decrementAndGet();
            throw busy("the hub is running " + limits.total() + " Tests already");
        }
        boolean[] taken = {false};
        perBusiness.compute(business, (b, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limits.perBusiness()) return n;
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            total.decrementAndGet();
            throw busy(limits.perBusiness() + " Tests of this business are still running");
        }
        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (closed[0]) return;
                closed[0] = true;
            }
            perBusiness.computeIfPresent(business, (b, n) -> n <= 1 ? null : n - 1);
            total.decrementAndGet();
        };
    }

    private ApiException busy(String why) {
        return ApiException.tooMany(why + "; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
