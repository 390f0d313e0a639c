package dev.hookline.plugins;

import java.time.Clock;
import java.util.Objects;

/**
 * One attempt handed to a {@link DirectDelivery} connector: the attempt's event ({@code delivery_id},
 * {@code attempt}, {@code webhook_sent_at} set), the flow's destination, the port to send through,
 * the hub's settings and the hub's clock (use it for every time decision, such as a token's
 * expiry, so the hub's tests can move time). Immutable.
 */
public record DirectAttempt(CallEvent event, Destination destination, HttpPort http, HubSettings hub, Clock clock) {
    public DirectAttempt {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(clock, "clock");
    }

    /** The attempt number, 1 for the first try of a delivery. */
    public int number() {
        Long n = event.number("attempt");
        return n == null ? 1 : n.intValue();
    }
}
