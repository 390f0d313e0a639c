package dev.hookline.incall;

/**
 * What happened to one step of a live flow run, as {@code outcome} in the trace. The wire names
 * are part of the API (README "In-call webhooks"). Immutable.
 */
enum Outcome {
    /** A {@code say} step: its message was added and the flow went on. */
    SAID("said"),
    /** A {@code forward} step: the call is forwarded; the flow ends. */
    FORWARDED("forwarded"),
    /** A {@code hangup} step: the call is hung up; the flow ends. */
    HUNG_UP("hung_up"),
    /** A fire-and-forget webhook handed to the background; the stored trace later shows its result. */
    FIRED("fired"),
    /** A fire-and-forget webhook that the receiver answered with 2xx (final, in the stored trace). */
    DELIVERED("delivered"),
    /** Not sent: the hub's bound on in-flight in-call requests was reached. The flow went on. */
    DROPPED_QUEUE_FULL("dropped_queue_full"),
    /** A wait-for-response webhook whose 2xx JSON answer was applied. */
    ANSWERED("answered"),
    /** A wait-for-response webhook whose 2xx answer was unusable (see {@code error}); the flow went on. */
    IGNORED("ignored"),
    /** The receiver answered with a status other than 2xx. */
    ERROR_STATUS("error_status"),
    /** No answer within the step's {@code timeout_seconds}. */
    TIMED_OUT("timed_out"),
    /** The request could not be made or failed in transit (connection refused, reset, …). */
    ERROR("error"),
    /**
     * A wait-for-response webhook cut short, or not sent, because the flow's overall deadline
     * came first; the flow went on with its other steps.
     */
    DEADLINE("deadline");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
