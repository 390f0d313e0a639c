package dev.hookline.model;

/**
 * One post-call delivery: a call's event bound for one {@link Endpoint}, and how far its attempts
 * have got. Times are epoch ms; {@code nextAttemptAt} is null while not scheduled (a Test, or
 * final). {@code claimedBy} is the run sending it now; {@code version} changes with every update
 * (optimistic claims). {@code messageId} is the id of the first delivery of the call's event, sent
 * as {@code webhook-id} by every redelivery (null: this delivery is the first). {@code aiFilter}
 * holds the AI conditions (JSON text) a Wait-for-AI delivery still has to meet when it fires.
 * Immutable: changes are new values from the with-methods.
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
        String lastError,
        String messageId,
        String aiFilter) {

    /** A new pending delivery, nothing attempted yet. */
    public static Delivery pending(String id, Call call, CallFlow flow, String event, Endpoint endpoint, int maxAttempts,
                                   boolean waitForAi, long now, Long due) {
        return new Delivery(id, call.businessId(), call.callId(), flow.id(), flow.name(), event, endpoint, DeliveryStatus.PENDING,
                false, null, 0, maxAttempts, waitForAi, null, 0, now, due, null, null, null, null);
    }

    /** Claimed by {@code runId} for its next attempt (the attempt counter counts started attempts). */
    public Delivery claimed(String runId) {
        return new Delivery(deliveryId, businessId, callId, callFlowId, callFlowName, event, endpoint, status, test, redeliveryOf,
                attempts + 1, maxAttempts, waitForAi, runId, version + 1, createdAt, nextAttemptAt, completedAt, lastError, messageId, aiFilter);
    }

    /** A Test-button delivery: one attempt, never scheduled for the worker. */
    public Delivery asTest() {
        return new Delivery(deliveryId, businessId, callId, callFlowId, callFlowName, event, endpoint, status, true, redeliveryOf,
                attempts, 1, false, claimedBy, version, createdAt, null, completedAt, lastError, messageId, null);
    }

    /** The same, with AI conditions to judge when it fires (JSON text; null: none). */
    public Delivery withAiFilter(String conditions) {
        return new Delivery(deliveryId, businessId, callId, callFlowId, callFlowName, event, endpoint, status, test, redeliveryOf,
                attempts, maxAttempts, waitForAi, claimedBy, version, createdAt, nextAttemptAt, completedAt, lastError, messageId, conditions);
    }

    /**
     * A new delivery of the same call and event to {@code to}, due at {@code now}, remembering this
     * one and keeping its message id.
     */
    public Delivery redelivery(String id, String flowName, Endpoint to, int maxAttemptsNow, long now) {
        return new Delivery(id, businessId, callId, callFlowId, flowName, event, to, DeliveryStatus.PENDING, false, deliveryId,
                0, maxAttemptsNow, false, null, 0, now, now, null, null, webhookId(), null);
    }

    /** The {@code webhook-id} its attempts carry: the message id, the same for every delivery of the call's event. */
    public String webhookId() {
        return messageId != null ? messageId : deliveryId;
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
