package dev.hookline.delivery;

/**
 * One post-call delivery: a call's event bound for one URL, with what was snapshotted from the
 * flow when it was created (URL, connector, secret, flow name) so later edits to the flow do not
 * change it. Times are epoch ms; {@code nextAttemptAt} is null once it is final.
 */
public record Delivery(
        String deliveryId,
        String businessId,
        String callId,
        String callFlowId,
        String callFlowName,
        String event,
        String url,
        String host,
        String connector,
        String connectorSettings,
        String signingSecret,
        String status,
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

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
