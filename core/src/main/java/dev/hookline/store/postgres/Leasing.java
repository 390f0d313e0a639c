package dev.hookline.store.postgres;

import java.time.Clock;
import java.time.Duration;

/** How long a claim holds from now: the hub's clock plus the lease (hubs' clocks are assumed within seconds of each other). */
record Leasing(Clock clock, Duration lease) {
    long until() {
        return clock.millis() + lease.toMillis();
    }
}
