package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the hand-off shares send slots between hosts when the process-wide bound is reached. */
class DispatcherSlotsTest {
    @TempDir Path dir;

    @Test
    void busyHostsFillingTheBoundDoNotStarveAQuietHost() {
        try (Database db = Database.open(dir)) {
            Dispatcher d = new Dispatcher(db, null, Clock.systemUTC(), new DeliveryLimits(64, 8, 16), "run-1");
            d.start();
            try {
                for (int i = 0; i < 8; i++) assertThat(d.reserve("busy.example")).isEqualTo("run-1");
                assertThat(d.reserve("busy.example")).as("the bound is reached for a host with many in flight").isNull();
                for (int i = 0; i < Dispatcher.QUIET_HOST; i++) {
                    assertThat(d.reserve("quiet.example")).as("a quiet host still gets a slot").isEqualTo("run-1");
                }
                assertThat(d.reserve("quiet.example")).as("beyond its quiet share it waits like the rest").isNull();
                for (int i = 0; i < 4; i++) assertThat(d.reserve("other" + i + ".example")).isEqualTo("run-1");
                assertThat(d.inFlight()).isEqualTo(16);
                assertThat(d.reserve("another.example")).as("never more than twice the bound").isNull();
                d.unreserve("busy.example");
                assertThat(d.inFlight()).isEqualTo(15);
                for (int i = 0; i < 7; i++) d.unreserve("busy.example");
                for (int i = 0; i < Dispatcher.QUIET_HOST; i++) d.unreserve("quiet.example");
                for (int i = 0; i < 4; i++) d.unreserve("other" + i + ".example");
                assertThat(d.inFlight()).isZero();
            } finally {
                d.stop(java.time.Duration.ofSeconds(1));
            }
        }
    }
}
