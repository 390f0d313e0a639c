package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.plugins.Verdict;
import org.junit.jupiter.api.Test;

class HostSlotsTest {
    private static AttemptOutcome answered(int status) {
        return new AttemptOutcome(status < 300 ? Verdict.success() : Verdict.retry("HTTP " + status), status, 3, null, "");
    }

    private static AttemptOutcome noAnswer() {
        return new AttemptOutcome(Verdict.retry("timed out after 10s"), null, 10_000, "timed out after 10s", "");
    }

    @Test
    void noAnswerOr429Or503HalvesTheLimitDownToOne() {
        HostSlots s = new HostSlots(64);
        s.onOutcome(noAnswer());
        assertThat(s.limit()).isEqualTo(32);
        s.onOutcome(answered(429));
        assertThat(s.limit()).isEqualTo(16);
        s.onOutcome(answered(503));
        assertThat(s.limit()).isEqualTo(8);
        for (int i = 0; i < 10; i++) s.onOutcome(noAnswer());
        assertThat(s.limit()).isEqualTo(1);
    }

    @Test
    void successesRaiseItByOneUpToTheMaximumAndOtherAnswersLeaveIt() {
        HostSlots s = new HostSlots(4);
        s.onOutcome(noAnswer());
        s.onOutcome(noAnswer());
        assertThat(s.limit()).isEqualTo(1);
        s.onOutcome(answered(500));
        s.onOutcome(answered(404));
        assertThat(s.limit()).isEqualTo(1);
        for (int i = 0; i < 10; i++) s.onOutcome(answered(200));
        assertThat(s.limit()).isEqualTo(4);
    }

    @Test
    void slotsStopAtTheLimitAndAFreedSlotReportsWaitingWorkOnce() {
        HostSlots s = new HostSlots(2);
        assertThat(s.tryTake()).isTrue();
        assertThat(s.tryTake()).isTrue();
        assertThat(s.tryTake()).isFalse();
        assertThat(s.full()).isTrue();
        assertThat(s.release()).as("nothing was waiting").isFalse();
        assertThat(s.tryTake()).isTrue();
        s.markWaiting();
        assertThat(s.release()).as("a delivery waits for this slot").isTrue();
        assertThat(s.release()).as("told once").isFalse();
    }

    @Test
    void aFreedSlotUnderALoweredLimitDoesNotReportWaitingWork() {
        HostSlots s = new HostSlots(4);
        for (int i = 0; i < 4; i++) assertThat(s.tryTake()).isTrue();
        s.onOutcome(noAnswer()); // limit 2 with 4 in flight
        s.markWaiting();
        assertThat(s.release()).as("3 in flight, limit 2: still no room").isFalse();
        assertThat(s.release()).as("2 in flight, limit 2: still no room").isFalse();
        assertThat(s.release()).as("1 in flight: room for the waiting delivery").isTrue();
    }
}
