package dev.hookline.model;

/**
 * One post-call delivery: a call's event bound for one {@link Endpoint}, and how far its attempts
 * have got. Times are epoch ms; {@code nextAttemptAt} is null while not scheduled (a Test, or
 * final). {@code claimedBy} is the run sending it now; {@code version} changes with every update
 * (optimistic claims). Immutable: changes are new values from the with-methods.
 */
public record Delivery(
        String deliveryId,
        String businessId,
        String callId,
        String callFlowId,
        String callFlowName,
        String event,
        Endpoint endpoint,
        DeliveryStatus status,
        boolean test,
        String redeliveryOf,
        int attempts,
        int maxAttempts,
        boolean waitForAi,
        String claimedBy,
        int version,
        long createdAt,
        Long nextAttemptAt,
        Long completedAt,
        String lastError) {

    /** A new pending delivery, nothing attempted yet. */
    public static Delivery pending(String id, Call call, CallFlow flow, String event, Endpoint endpoint, int maxAttempts,
                                   boolean waitForAi, long now, Long due) {
        return new Delivery(id, call.businessId(), call.callId(), flow.id(), flow.name(), event, endpoint, DeliveryStatus.PENDING,
                false, null, 0, maxAttempts, waitForAi, null, 0, now, due, null, null);
    }

    /** Claimed by {@code runId} for its next attempt (the attempt counter counts started attempts). */
    public Delivery claimed(String runId) {
        return new Delivery(deliveryId, businessId, callId, callFlowId, callFlowName, event, endpoint, status, test, redeliveryOf,
                attempts + 1, maxAttempts, waitForAi, runId, version + 1, createdAt, nextAttemptAt, completedAt, lastError);
    }

    /** A Test-button delivery: one attempt, never scheduled for the worker. */
    public Delivery asTest() {
        return new Delivery(deliveryId, businessId, callId, callFlowId, callFlowName, event, endpoint, status, true, redeliveryOf,
                attempts, 1, false, claimedBy, version, createdAt, null, completedAt, lastError);
    }

    /** A new delivery of the same call and event to {@code to}, due at {@code now}, remembering this one. */
    public Delivery redelivery(String id, Endpoint to, String flowName, int maxAttemptsNow, long now) {
        return new Delivery(id, businessId, callId, callFlowId, flowName, event, to, DeliveryStatus.PENDING, false, deliveryId,
                0, maxAttemptsNow, false, null, 0, now, now, null, null);
    }

    public String host() {
        return endpoint.host();
    }

    public String url() {
        return endpoint.url();
    }

    public String connector() {
        return endpoint.connector();
    }
}
