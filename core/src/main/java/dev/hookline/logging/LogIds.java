package dev.hookline.logging;

import org.slf4j.MDC;

/**
 * Puts the ids a log line is about into the MDC for the lines logged inside the returned scope:
 * {@code try (var ids = LogIds.delivery(d, c)) { log.warn(...); }}. Delivery code runs on client and
 * recorder threads, so the ids are set around each log call, never left on a thread.
 */
public final class LogIds implements AutoCloseable {
    public static final String DELIVERY_ID = "delivery_id";
    public static final String CALL_ID = "call_id";

    private final boolean delivery;
    private final boolean call;

    private LogIds(String deliveryId, String callId) {
        this.delivery = deliveryId != null;
        this.call = callId != null;
        if (delivery) MDC.put(DELIVERY_ID, deliveryId);
        if (call) MDC.put(CALL_ID, callId);
    }

    /** A scope with {@code delivery_id} and {@code call_id} (either may be null: left out). */
    public static LogIds of(String deliveryId, String callId) {
        return new LogIds(deliveryId, callId);
    }

    public static LogIds call(String callId) {
        return new LogIds(null, callId);
    }

    @Override
    public void close() {
        if (delivery) MDC.remove(DELIVERY_ID);
        if (call) MDC.remove(CALL_ID);
    }
}
