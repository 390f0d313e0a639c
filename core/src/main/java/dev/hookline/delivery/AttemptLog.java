package dev.hookline.delivery;

import dev.hookline.logging.LogIds;
import dev.hookline.logging.Redact;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log line of a recorded attempt, with {@code delivery_id} and {@code call_id} in the MDC:
 * a success at debug (thousands a second under load), a failed attempt that will be retried at
 * info, a delivery that has failed for good at warn. Only the receiver's host and an error with
 * any URL cut to its host are logged: webhook paths and headers carry secrets.
 */
final class AttemptLog {
    private static final Logger log = LoggerFactory.getLogger("dev.hookline.delivery.attempts");

    private AttemptLog() {}

    static void recorded(Delivery d, int attempt, AttemptOutcome o, DeliveryStatus status, Long nextAttemptAt) {
        if (o.succeeded() && !log.isDebugEnabled()) return;
        try (LogIds ids = LogIds.of(d.deliveryId(), d.callId())) {
            write(d, attempt, o, status, nextAttemptAt);
        } catch (RuntimeException e) {
            // a log line must never fail the recorder, which has already recorded the attempt
        }
    }

    private static void write(Delivery d, int attempt, AttemptOutcome o, DeliveryStatus status, Long nextAttemptAt) {
        if (o.succeeded()) {
            log.debug("attempt {} to {} delivered: HTTP {} in {} ms", attempt, d.host(), o.statusCode(), o.durationMs());
        } else if (status == DeliveryStatus.PENDING) {
            log.info("attempt {} of {} to {} failed: {}; next attempt at {}", attempt, d.maxAttempts(), d.host(),
                    Redact.urls(o.error()), nextAttemptAt == null ? "?" : Instant.ofEpochMilli(nextAttemptAt));
        } else {
            log.warn("delivery to {} failed after attempt {}: {}", d.host(), attempt, Redact.urls(o.error()));
        }
    }
}
