package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** How send slots are shared between hosts when the process-wide bound is reached. */
class SendSlotsTest {
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-30T14:30:00Z"));

    @Test
    void busyHostsFillingTheBoundDoNotStarveAQuietHost() {
        SendSlots s = new SendSlots(new DeliveryLimits(64, 8, 16), clock::millis);
        for (int i = 0; i < 8; i++) assertThat(s.tryTake("busy.example")).isTrue();
        assertThat(s.tryTake("busy.example")).as("the bound is reached for a host with many in flight").isFalse();
        for (int i = 0; i < SendSlots.QUIET_HOST; i++) {
            assertThat(s.tryTake("quiet.example")).as("a quiet host still gets a slot").isTrue();
        }
        assertThat(s.tryTake("quiet.example")).as("beyond its quiet share it waits like the rest").isFalse();
        for (int i = 0; i < 4; i++) assertThat(s.tryTake("other" + i + ".example")).isTrue();
        assertThat(s.inFlight()).isEqualTo(16);
        assertThat(s.tryTake("another.example")).as("never more than twice the bound").isFalse();
        s.release("busy.example");
        assertThat(s.inFlight()).isEqualTo(15);
        for (int i = 0; i < 7; i++) s.release("busy.example");
        for (int i = 0; i < SendSlots.QUIET_HOST; i++) s.release("quiet.example");
        for (int i = 0; i < 4; i++) s.release("other" + i + ".example");
        assertThat(s.inFlight()).isZero();
    }

    @Test
    void aHostWhoseDeliveriesWaitBecomesReadyWhenItFreesASlot() {
        SendSlots s = new SendSlots(new DeliveryLimits(2, 100, 16), clock::millis);
        assertThat(s.tryTake("h.example")).isTrue();
        assertThat(s.tryTake("h.example")).isTrue();
        assertThat(s.queuedWithoutSlot("h.example")).as("full: its next free slot will look").isFalse();
        assertThat(s.fullHosts()).containsExactly("h.example");
        assertThat(s.release("h.example")).as("a delivery waited for this slot").isTrue();
        assertThat(s.nextReady()).isEqualTo("h.example");
        assertThat(s.nextReady()).isNull();
        assertThat(s.release("h.example")).as("nothing waits any more").isFalse();
    }

    @Test
    void aHoldThatEndsMakesTheHostReady() {
        SendSlots s = new SendSlots(new DeliveryLimits(8, 100, 16), clock::millis);
        for (int i = 0; i < HostSlots.HOLD_AFTER; i++) {
            assertThat(s.tryTake("dead.example")).isTrue();
        }
        boolean began = false;
        for (int i = 0; i < HostSlots.HOLD_AFTER; i++) {
            began |= s.onExchange("dead.example", null, false);
            s.release("dead.example");
        }
        assertThat(began).as("attempts in a row without an answer hold the host").isTrue();
        assertThat(s.tryTake("dead.example")).as("held: no slot").isFalse();
        assertThat(s.endHolds()).isEqualTo(clock.millis() + HostSlots.HOLD_FIRST_MILLIS);
        clock.advance(java.time.Duration.ofMillis(HostSlots.HOLD_FIRST_MILLIS));
        assertThat(s.endHolds()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.nextReady()).isEqualTo("dead.example");
        assertThat(s.tryTake("dead.example")).as("one probe after the hold").isTrue();
    }
}
