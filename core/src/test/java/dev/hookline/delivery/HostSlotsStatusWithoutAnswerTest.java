package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.plugins.Verdict;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A status followed by an answer that never ended in time is silence for the host's limit, not an answer. */
class HostSlotsStatusWithoutAnswerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private static AttemptOutcome timedOutAfter(int status) {
        return new AttemptOutcome(Verdict.retry("timed out after 10s"), status, 10_000, "timed out after 10s", "partial", false);
    }

    @Test
    void aTwoHundredWhoseBodyNeverEndedHalvesTheLimitAndCanHoldTheHost() {
        HostSlots s = new HostSlots(64, clock::get);
        assertThat(s.onOutcome(timedOutAfter(200))).isFalse();
        assertThat(s.limit()).isEqualTo(32);
        assertThat(s.onOutcome(timedOutAfter(200))).as("two silent attempts in a row hold the host").isTrue();
        assertThat(s.held()).isTrue();
        assertThat(s.tryTake()).isFalse();
    }

    @Test
    void aWholeAnswerStillEndsTheHoldAndRaisesTheLimit() {
        HostSlots s = new HostSlots(64, clock::get);
        s.onOutcome(timedOutAfter(200));
        s.onOutcome(timedOutAfter(200));
        s.onOutcome(new AttemptOutcome(Verdict.success(), 200, 5, null, "ok"));
        assertThat(s.held()).isFalse();
        assertThat(s.limit()).isEqualTo(17);
    }
}
