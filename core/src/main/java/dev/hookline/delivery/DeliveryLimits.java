package dev.hookline.delivery;

/**
 * How much the worker sends at once: attempts in flight per endpoint host (so one customer's
 * slow endpoint cannot take every slot), in flight in all, and rows claimed per pass.
 */
public record DeliveryLimits(int perHost, int inFlight, int batch) {
    public static DeliveryLimits defaults() {
        return new DeliveryLimits(64, 4096, 256);
    }
}
