package dev.hookline.calls;

import java.util.Map;

/** A validated {@code POST /calls} body. {@code callId}, {@code callFlowId} and {@code createdAt} may be null. */
public record CallReport(String callId, String callFlowId, String trackingNumber, String callerNumber, String status,
                         Map<String, Object> details, boolean aiProcessed, Long createdAt) {}
