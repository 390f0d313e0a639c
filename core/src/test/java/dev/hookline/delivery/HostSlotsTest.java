package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostSlotsTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    /** An exchange that got {@code status} as its answer. */
    private static void answered(HostSlots s, int status) {
        s.onExchange(status, true);
    }

    /** An exchange that timed out without a status. */
    private static boolean noAnswer(HostSlots s) {
        return s.onExchange(null, false);
    }

    @Test
    void noAnswerOr429Or503HalvesTheLimitDownToOne() {
        HostSlots s = new HostSlots(64, clock::get);
        noAnswer(s);
        assertThat(s.limit()).isEqualTo(32);
        answered(s, 429);
        assertThat(s.limit()).isEqualTo(16);
        answered(s, 503);
        assertThat(s.limit()).isEqualTo(8);
        for (int i = 0; i < 10; i++) noAnswer(s);
        assertThat(s.limit()).isEqualTo(1);
    }

    @Test
    void successesRaiseItByOneUpToTheMaximumAndOtherAnswersLeaveIt() {
        HostSlots s = new HostSlots(4, clock::get);
        noAnswer(s);
        noAnswer(s);
        assertThat(s.limit()).isEqualTo(1);
        answered(s, 500);
        answered(s, 404);
        assertThat(s.limit()).isEqualTo(1);
        for (int i = 0; i < 10; i++) answered(s, 200);
        assertThat(s.limit()).isEqualTo(4);
    }

    @Test
    void slotsStopAtTheLimitAndAFreedSlotReportsWaitingWorkOnce() {
        HostSlots s = new HostSlots(2, clock::get);
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
        HostSlots s = new HostSlots(4, clock::get);
        for (int i = 0; i < 4; i++) assertThat(s.tryTake()).isTrue();
        noAnswer(s); // limit 2 with 4 in flight
        s.markWaiting();
        assertThat(s.release()).as("3 in flight, limit 2: still no room").isFalse();
        assertThat(s.release()).as("2 in flight, limit 2: still no room").isFalse();
        assertThat(s.release()).as("1 in flight: room for the waiting delivery").isTrue();
    }

    @Test
    void aHostSilentForASecondKeepsItsStallShareUntilItAnswers() {
        HostSlots s = new HostSlots(64, clock::get);
        for (int i = 0; i < 10; i++) assertThat(s.tryTake()).isTrue();
        clock.addAndGet(HostSlots.STALL_MILLIS + 1);
        assertThat(s.tryTake()).as("ten in flight, no answer for over a second").isFalse();
        assertThat(s.capacity()).isEqualTo(HostSlots.STALL_SLOTS);
        for (int i = 0; i < 6; i++) s.release();
        assertThat(s.tryTake()).as("still silent with its stall share in flight").isFalse();
        s.markWaiting();
        answered(s, 200);
        assertThat(s.release()).as("an answer ends the silence: the waiting delivery may go").isTrue();
        assertThat(s.tryTake()).isTrue();
    }

    @Test
    void aHostIdleForLongIsNotSilentWhenItGetsWorkAgain() {
        HostSlots s = new HostSlots(64, clock::get);
        clock.addAndGet(3_600_000);
        for (int i = 0; i < 10; i++) assertThat(s.tryTake()).as("attempt " + i).isTrue();
    }

    @Test
    void aSlowHostThatAnswersSteadilyIsNotHeldBack() {
        HostSlots s = new HostSlots(64, clock::get);
        for (int i = 0; i < 20; i++) assertThat(s.tryTake()).isTrue();
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(500);
            answered(s, 200);
            s.release();
            assertThat(s.tryTake()).as("an answer every half second").isTrue();
        }
    }

    @Test
    void twoAttemptsInARowWithoutAnAnswerHoldTheHostThenOneProbeGoesOut() {
        HostSlots s = new HostSlots(64, clock::get);
        assertThat(s.tryTake()).isTrue();
        assertThat(s.tryTake()).isTrue();
        assertThat(noAnswer(s)).as("one time-out is not a pattern").isFalse();
        s.release();
        assertThat(s.held()).isFalse();
        assertThat(noAnswer(s)).as("the second in a row begins a hold").isTrue();
        s.release();
        assertThat(s.held()).isTrue();
        assertThat(s.tryTake()).as("no slot while held, though nothing is in flight").isFalse();
        assertThat(s.full()).isTrue();
        assertThat(s.holdEnded()).as("not over yet").isFalse();

        clock.addAndGet(HostSlots.HOLD_FIRST_MILLIS);
        assertThat(s.holdEnded()).as("over: the caller looks for the host's deliveries").isTrue();
        assertThat(s.holdEnded()).as("said once").isFalse();
        assertThat(s.tryTake()).as("the probe").isTrue();
        long probeEnds = clock.get();
        assertThat(noAnswer(s)).isTrue();
        assertThat(s.holdUntil() - probeEnds).as("each hold twice the last").isEqualTo(2 * HostSlots.HOLD_FIRST_MILLIS);
    }

    @Test
    void holdsDoubleUpToTheirMaximumAndAnyAnswerEndsThem() {
        HostSlots s = new HostSlots(64, clock::get);
        long last = 0;
        for (int i = 0; i < 12; i++) {
            s.tryTake();
            noAnswer(s);
            s.release();
            if (s.held()) {
                last = s.holdUntil() - clock.get();
                clock.addAndGet(last);
            }
        }
        assertThat(last).isEqualTo(HostSlots.HOLD_MAX_MILLIS);
        s.tryTake();
        answered(s, 500);
        s.release();
        assertThat(s.held()).isFalse();
        assertThat(s.holdUntil()).isZero();
        s.tryTake();
        assertThat(noAnswer(s)).as("the count starts again after an answer").isFalse();
    }

    @Test
    void attemptsInFlightWhenAHoldBeginsDoNotLengthenIt() {
        HostSlots s = new HostSlots(64, clock::get);
        for (int i = 0; i < 6; i++) assertThat(s.tryTake()).isTrue();
        noAnswer(s);
        assertThat(noAnswer(s)).isTrue();
        long until = s.holdUntil();
        clock.addAndGet(10);
        for (int i = 0; i < 4; i++) assertThat(noAnswer(s)).isFalse();
        assertThat(s.holdUntil()).isEqualTo(until);
    }

    @Test
    void anAnswerThatTimedOutCountsAsNoAnswer() {
        HostSlots s = new HostSlots(64, clock::get);
        s.onExchange(200, false); // a 200 whose body dripped past the time-out
        assertThat(s.limit()).as("halved, not raised").isEqualTo(32);
        assertThat(s.onExchange(200, false)).as("the second in a row holds the host").isTrue();
    }
}
